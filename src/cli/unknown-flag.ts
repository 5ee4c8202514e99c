import type { Command } from '@oclif/core';
import { nearestName } from '../config/suggest.js';
import { ExitCode, PerfplanError } from '../errors/index.js';

/** `--user` → `--users`, `--out` → `--output`: the nearest flag of the command, if one is close. */
function nearestFlag(typed: string, names: readonly string[]): string | undefined {
  const bare = typed.replace(/^-+/, '').split('=')[0];
  if (bare === '') return undefined;
  // A prefix of exactly one flag is what was meant (`--dry` → `--dry-run`).
  const prefixed = names.filter((name) => name.startsWith(bare));
  if (prefixed.length === 1) return prefixed[0];
  return nearestName(bare, names);
}

/**
 * oclif's "Nonexistent flag" parse error, as a usage error that suggests the flag meant and
 * says where the command's flags are listed; undefined for any other error.
 */
export function unknownFlagError(input: { error: unknown; command: typeof Command; bin: string; id?: string }): PerfplanError | undefined {
  const { error, command } = input;
  const typed = (error as { flags?: unknown }).flags;
  if (!Array.isArray(typed) || typed.length === 0 || (error as { oclif?: { exit?: number } }).oclif?.exit !== 2) return undefined;
  const flags = { ...command.baseFlags, ...command.flags } as Record<string, { char?: string }>;
  const names = [...Object.keys(flags), 'help'];
  const shown = (typed as string[]).map((flag) => {
    const meant = flag.startsWith('--') ? nearestFlag(flag, names) : undefined;
    return meant === undefined ? flag : `${flag} (did you mean --${meant}?)`;
  });
  const usage = `${input.bin} ${input.id ?? ''}`.trim();
  return new PerfplanError('usage/unknown-flag', `Unknown ${typed.length === 1 ? 'flag' : 'flags'}: ${shown.join(', ')}`, {
    fix: `Run "${usage} --help" for its flags: ${names.map((name) => `--${name}`).join(', ')}.`,
    exitCode: ExitCode.usage,
  });
}
