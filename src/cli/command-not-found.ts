import type { Hook } from '@oclif/core';
import { nearestName } from '../config/suggest.js';
import { ExitCode, PerfplanError } from '../errors/index.js';
import { describeError, formatError } from './format-error.js';
import { terminalJson, terminalText } from './terminal-text.js';

/**
 * oclif's `command_not_found` hook (package.json "oclif.hooks"): `perfplan genrate` is a usage
 * error (exit 2) that names the command meant. @oclif/plugin-not-found does the same job but
 * exits 127 and, outside a terminal, prints no suggestion at all (it only offers one in a prompt).
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const ids = options.config.commands.filter((command) => !command.hidden).map((command) => command.id);
  // Commands in a topic (plugin:new) are typed with the separator: `perfplan plugin new`.
  const visible = ids.map((id) => id.split(':').join(options.config.topicSeparator));
  const words = options.id.split(':');
  const inTopic = words.length > 1 && ids.some((id) => id.startsWith(`${words[0]}:`));
  const typed = (inTopic ? words.slice(0, 2) : words.slice(0, 1)).join(options.config.topicSeparator);
  const meant = nearestName(typed, visible);
  const error = new PerfplanError('usage/unknown-command', `"${typed}" is not a ${options.config.bin} command${meant === undefined ? '.' : `; did you mean "${meant}"?`}`, {
    fix: `Run "${options.config.bin} --help" for the commands: ${visible.join(', ')}.`,
    exitCode: ExitCode.usage,
  });
  if ((options.argv ?? []).includes('--json')) process.stdout.write(`${terminalJson({ error: describeError(error) })}\n`);
  else process.stderr.write(`${terminalText(formatError(error).text)}\n`);
  this.exit(ExitCode.usage);
};

export default hook;
