import path from 'node:path';
import { ExitCode, PerfplanError } from '../errors/index.js';
import { TEST_TYPES, type TestType } from '../model/index.js';
import { describeValue } from './describe-value.js';
import { parseDurationSeconds } from './duration.js';
import { resolvePath } from './resolve-config.js';
import type { ConfigFlags, ResolvedConfig } from './types.js';

function invalidFlag(flag: string, message: string, fix: string): PerfplanError {
  return new PerfplanError('config/invalid-flag', `--${flag}: ${message}`, { pointer: flag, fix, exitCode: ExitCode.usage });
}

/** `--engines k6,jmeter --engines locust` → `['k6', 'jmeter', 'locust']`. */
function splitList(values: readonly string[]): string[] {
  const items = values.flatMap((value) => value.split(',')).map((item) => item.trim()).filter((item) => item !== '');
  return [...new Set(items)];
}

function testTypes(values: readonly string[]): TestType[] {
  const types = splitList(values);
  const unknown = types.filter((type) => !(TEST_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) {
    throw invalidFlag('types', `unknown test type ${unknown.map((t) => `"${t}"`).join(', ')}`, `Use any of: ${TEST_TYPES.join(', ')}.`);
  }
  return types as TestType[];
}

/**
 * Command-line flags win over config. Paths in flags resolve against `flags.cwd` (the shell's folder),
 * not the config file's. `users` and `duration` apply to every profile, so they are kept apart in
 * `overrides` for the planner to apply after each strategy's own defaults.
 */
export function mergeFlags(config: ResolvedConfig, flags: ConfigFlags): ResolvedConfig {
  const cwd = path.resolve(flags.cwd ?? process.cwd());
  const merged: ResolvedConfig = { ...config, overrides: { ...config.overrides } };
  if (flags.spec !== undefined) merged.spec = resolvePath({ value: flags.spec, baseDir: cwd });
  if (flags.output !== undefined) {
    if (flags.output.startsWith('~')) {
      throw invalidFlag(
        'output',
        `${JSON.stringify(flags.output)} starts with "~", which the shell did not expand (it was quoted, or came from a script); perfplan would create a folder named "~" in ${cwd}.`,
        'Leave ~ unquoted (--output ~/perf-tests), or write the path in full ("$HOME/perf-tests"); for a folder really named ~, write ./~.',
      );
    }
    merged.output = path.resolve(cwd, flags.output);
  }
  if (flags.baseUrl !== undefined) {
    if (!/^https?:\/\/\S+$/.test(flags.baseUrl)) {
      throw invalidFlag('base-url', `expected an http(s) URL, got ${describeValue(flags.baseUrl)}`, 'Pass a URL such as --base-url https://api.example.com.');
    }
    merged.baseUrl = flags.baseUrl;
  }
  const fromFlags = new Set(config.fromFlags);
  if (flags.engines !== undefined && flags.engines.length > 0) {
    merged.engines = splitList(flags.engines);
    fromFlags.add('engines');
  }
  if (flags.include !== undefined && flags.include.length > 0) {
    merged.include = [...flags.include];
    fromFlags.add('include');
  }
  if (flags.exclude !== undefined && flags.exclude.length > 0) {
    merged.exclude = [...flags.exclude];
    fromFlags.add('exclude');
  }
  if (flags.types !== undefined && flags.types.length > 0) {
    merged.types = testTypes(flags.types);
    fromFlags.add('types');
  }
  if (fromFlags.size > 0) merged.fromFlags = [...fromFlags];
  if (flags.users !== undefined) {
    if (!Number.isInteger(flags.users) || flags.users < 1) {
      throw invalidFlag('users', `expected an integer >= 1, got ${describeValue(flags.users)}`, 'Pass a whole number of virtual users, e.g. --users 50.');
    }
    merged.overrides.virtualUsers = flags.users;
  }
  if (flags.duration !== undefined) {
    const seconds = parseDurationSeconds(flags.duration);
    if (seconds === undefined) {
      throw invalidFlag('duration', `expected a positive duration, got ${describeValue(flags.duration)}`, 'Pass seconds or a unit: --duration 90, 90s, 5m, 1h.');
    }
    merged.overrides.durationSeconds = seconds;
  }
  if (flags.rps !== undefined) {
    if (!Number.isFinite(flags.rps) || flags.rps <= 0) {
      throw invalidFlag('rps', `expected a request rate > 0, got ${describeValue(flags.rps)}`, 'Pass requests per second, e.g. --rps 25.');
    }
    merged.overrides.targetRps = flags.rps;
  }
  if (flags.timeScale !== undefined) {
    if (!Number.isFinite(flags.timeScale) || flags.timeScale <= 0 || flags.timeScale > 100) {
      throw invalidFlag('time-scale', `expected a number above 0 and at most 100, got ${describeValue(flags.timeScale)}`, 'Pass a factor such as --time-scale 0.05 (20 times shorter).');
    }
    merged.timeScale = flags.timeScale;
  }
  return merged;
}
