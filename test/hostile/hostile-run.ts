import path from 'node:path';
import { isPerfplanError } from '../../src/errors/index.js';
import type { OutputFile, Pipeline } from '../../src/pipeline/index.js';
import { findCaseCollisions, unsafePathReason } from '../../src/render/index.js';
import type { HostileSpec } from '../helpers/hostile-spec.js';
import { writeFiles } from '../helpers/hostile-pipeline.js';
import { checkOutputFiles, type FileProblem, type OutputKind } from '../helpers/parse-outputs.js';
import { knownBugFor } from './known-renderer-bugs.js';

export interface HostileRunReport {
  specs: number;
  files: number;
  counts: Record<OutputKind, number>;
  /** Problems that fail the suite, one line each (spec index, file, problem). */
  failures: string[];
  /** Problems recorded in KNOWN_RENDERER_BUGS (printed, not failing). */
  known: string[];
  /** The slowest generate (ms) and the largest output of one spec (bytes). */
  slowestMs: number;
  largestBytes: number;
}

/** What one spec generated, for a per-spec check. */
export interface SpecOutcome {
  files: OutputFile[];
  /** Wall-clock time of generate. */
  ms: number;
}

function describeError(error: unknown): string {
  if (isPerfplanError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}

/**
 * Runs each spec through the in-process pipeline into `root/<index>/`, checks the output
 * paths (relative, portable, no case collisions), then parses every file in one pass.
 * Every spec must generate: these specs are valid, only their strings are hostile.
 */
export async function runHostileSpecs(input: {
  pipeline: Pipeline;
  specs: readonly HostileSpec[];
  root: string;
  label: string;
  /**
   * The pipeline without one renderer: when a spec fails on a KNOWN renderer bug, it is run again
   * without that renderer, so the other renderers' outputs are still checked.
   */
  without?: (renderer: string) => Promise<Pipeline>;
  /** The folder the specs are loaded from: their relative `$ref`s resolve against it. Default: the current folder. */
  specDir?: string;
  /** Checks of one spec's outputs besides the parse checks (its problems fail the run, unless a known bug). */
  check?: (index: number, outcome: SpecOutcome) => string[];
}): Promise<HostileRunReport> {
  const failures: string[] = [];
  const known: string[] = [];
  const written: string[] = [];
  let slowestMs = 0;
  let largestBytes = 0;
  for (const [index, spec] of input.specs.entries()) {
    const where = `${input.label} #${index}`;
    const specFile = hostileSpecFile(input, index);
    let files: OutputFile[];
    const started = process.hrtime.bigint();
    try {
      ({ files } = await input.pipeline.generate({ specFile, document: spec }));
    } catch (error) {
      const line = `generate failed: ${describeError(error)}`;
      const bug = knownBugFor(line);
      if (bug === undefined) {
        failures.push(`${where}: ${line}`);
        continue;
      }
      known.push(`${where}: ${line}`);
      if (input.without === undefined) continue;
      try {
        ({ files } = await (await input.without(bug.renderer)).generate({ specFile, document: spec }));
      } catch (retryError) {
        failures.push(`${where} (without ${bug.renderer}): generate failed: ${describeError(retryError)}`);
        continue;
      }
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    slowestMs = Math.max(slowestMs, ms);
    largestBytes = Math.max(largestBytes, files.reduce((sum, file) => sum + Buffer.byteLength(file.contents), 0));
    for (const problem of input.check?.(index, { files, ms }) ?? []) (knownBugFor(problem) === undefined ? failures : known).push(`${where}: ${problem}`);
    for (const file of files) {
      const reason = unsafePathReason(file.path);
      if (reason !== undefined) failures.push(`${where}: ${file.producer} output path ${JSON.stringify(file.path)} is unsafe: ${reason}`);
    }
    for (const [a, b] of findCaseCollisions(files.map((file) => file.path))) failures.push(`${where}: output paths ${a} and ${b} collide on a case-insensitive filesystem`);
    const duplicates = files.map((file) => file.path).filter((p, i, all) => all.indexOf(p) !== i);
    for (const duplicate of duplicates) failures.push(`${where}: two files share the path ${duplicate}: one is lost`);
    written.push(...writeFiles(path.join(input.root, String(index)), files));
  }
  const { problems, counts } = checkOutputFiles(written);
  for (const problem of problems) {
    const { index, relative } = locate(input.root, problem);
    const line = `${relative} ${problem.problem}`;
    (knownBugFor(line) === undefined ? failures : known).push(`${input.label} #${index}: ${line}`);
  }
  return { specs: input.specs.length, files: written.length, counts, failures, known, slowestMs, largestBytes };
}

/** The spec file name spec `index` of a run is loaded as (it need not exist: the document is passed in). */
export function hostileSpecFile(input: { label: string; specDir?: string }, index: number): string {
  const name = `${input.label}-${index}.json`;
  return input.specDir === undefined ? name : path.join(input.specDir, name);
}

function locate(root: string, problem: FileProblem): { index: string; relative: string } {
  const [index, ...rest] = path.relative(root, problem.file).split(path.sep);
  return { index, relative: rest.join('/') };
}

/**
 * A failure list short enough to read: problems grouped by their kind (spec index, offsets and
 * line numbers left out), each group with its count and first instance.
 */
export function summarize(lines: readonly string[], maxGroups = 30): string {
  const groups = new Map<string, { count: number; first: string }>();
  for (const line of lines) {
    // `<label> #<index>: ` first, then the problem: grouped by the problem's text up to its first detail.
    const start = line.search(/#\d+: /) + 2;
    const problem = line.slice(line.indexOf(': ', Math.max(start, 0)) + 2);
    const key = problem
      .replace(/(offset|line) \d+/g, '$1 N')
      .replace(/(: |\(|became a JMeter expression in <[^>]+>: ).*$/s, '$1…')
      .slice(0, 200);
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { count: 1, first: line.length > 700 ? `${line.slice(0, 700)}…` : line });
  }
  const shown = [...groups.values()].slice(0, maxGroups).map((group) => `[${group.count}×] ${group.first}`);
  return `${lines.length} problem(s) in ${groups.size} group(s):\n${shown.join('\n')}${groups.size > maxGroups ? `\n… and ${groups.size - maxGroups} more groups` : ''}`;
}
