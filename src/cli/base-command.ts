import { format } from 'node:util';
import { Command, Errors, Flags } from '@oclif/core';
import type { Interfaces } from '@oclif/core';
import type { Container } from 'inversify';
import { loadConfig, mergeFlags, type ConfigFlags, type ResolvedConfig } from '../config/index.js';
import { openContainer, pipelineOf, registryOf, TOKENS } from '../di/index.js';
import { ExitCode, PerfplanError } from '../errors/index.js';
import type { Pipeline, PluginRegistry } from '../pipeline/index.js';
import type { OutputWriter } from '../plugin-api/index.js';
import { describeError, formatError, type ErrorJson } from './format-error.js';
import { unknownFlagError } from './unknown-flag.js';
import { terminalJson, terminalText } from './terminal-text.js';

/** What a command works with: the resolved config and the services of its container. */
export interface Session {
  config: ResolvedConfig;
  container: Container;
  pipeline: Pipeline;
  registry: PluginRegistry;
  outputWriter: OutputWriter;
}

/**
 * Shared by every command: the config flag, building the container, and error formatting.
 * Everything a command prints goes through log/logToStderr here, which make spec and result
 * text safe for a terminal and a CI log (see terminal-text.ts): no command can forget.
 */
export abstract class PerfplanCommand extends Command {
  static override baseFlags = {
    config: Flags.string({
      char: 'c',
      summary: 'Config file to use instead of searching the current folder.',
      helpGroup: 'GLOBAL',
    }),
  };

  protected async openSession(flags: ConfigFlags & { config?: string }): Promise<Session> {
    const cwd = process.cwd();
    const loaded = await loadConfig({ cwd, configFile: flags.config });
    const config = mergeFlags(loaded, { ...flags, cwd });
    const container = await openContainer(config);
    return {
      config,
      container,
      pipeline: pipelineOf(container),
      registry: registryOf(container),
      outputWriter: container.get<OutputWriter>(TOKENS.outputWriter),
    };
  }

  /** The spec from the argument or the config; neither is a usage error that says what to do. */
  protected requireSpec(config: ResolvedConfig): string {
    if (config.spec) return config.spec;
    throw new PerfplanError('usage/no-spec', 'No OpenAPI spec given, and no config names one.', {
      fix: `Run "${this.config.bin} ${this.id ?? 'generate'} path/to/openapi.yaml", or create a config with "${this.config.bin} init" and set its "spec".`,
      exitCode: ExitCode.usage,
    });
  }

  protected printJson(value: unknown): void {
    this.log(terminalJson(value));
  }

  override log(message = '', ...args: unknown[]): void {
    super.log(terminalText(format(message, ...args)));
  }

  override logToStderr(message = '', ...args: unknown[]): void {
    super.logToStderr(terminalText(format(message, ...args)));
  }

  /** `--json` among the arguments (before a `--`), on a command that has the flag: errors are printed as JSON too. */
  protected jsonRequested(): boolean {
    const end = this.argv.indexOf('--');
    const args = end < 0 ? this.argv : this.argv.slice(0, end);
    return args.includes('--json') && 'json' in (this.ctor.flags ?? {});
  }

  /** What `--json` prints on stdout for an error; generate adds the failed agent result. */
  protected errorJson(error: ErrorJson): Record<string, unknown> {
    return { error };
  }

  protected override async catch(error: Interfaces.CommandError): Promise<never> {
    // oclif's help and version requests, and our own this.exit(code), arrive here as exit errors.
    if (error instanceof Errors.ExitError || (error as { oclif?: { exit?: number } }).oclif?.exit === 0) throw error;
    const reported = unknownFlagError({ error, command: this.ctor, bin: this.config.bin, id: this.id }) ?? error;
    const described = describeError(reported);
    if (this.jsonRequested()) this.printJson(this.errorJson(described));
    else this.logToStderr(formatError(reported).text);
    return this.exit(described.exitCode);
  }
}
