import fs from 'node:fs';
import path from 'node:path';
import { installEngineStubs, recordedCalls, runWithStubs, shBlocks } from '../helpers/engine-stubs.js';
import { shellAndList, splitAssignments } from '../helpers/shell-words.js';

/**
 * The run commands of PLAN.md, checked as sh would read them: each is plain words (shellWords
 * refuses anything sh would expand or act on), and each word is what the command intends —
 * fixed text, an output file, a test case id of the plan, or the plan's base URL as one word.
 */

const PROGRAMS = new Set(['k6', 'jmeter', 'locust', 'perfplan']);
const PLACEHOLDER_URL = 'https://your-test-server';

export interface PlanFacts {
  defaultBaseUrl: string;
  testCaseIds: ReadonlySet<string>;
  outputPaths: ReadonlySet<string>;
  /** Class names of locust/locustfile.py (Locust takes a User class to run as a word). */
  locustClasses: ReadonlySet<string>;
  /** Variables of the servers some operations have of their own (plan.servers): a command may set one to the placeholder URL. */
  serverVariables?: ReadonlySet<string>;
}

/** The base URL as PLAN.md writes it: trailing slashes dropped, control characters (not allowed in a sh block) as spaces. */
export function commandBaseUrl(defaultBaseUrl: string): string {
  return defaultBaseUrl.replace(/\/+$/, '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/** The words of the control specs' commands that depend on no spec: every other word must follow a rule below. */
export function fixedWords(commands: readonly string[], facts: PlanFacts): Set<string> {
  const fixed = new Set<string>();
  for (const command of commands) {
    const parsed = shellAndList(command);
    if (!('commands' in parsed)) throw new Error(`a control command is not plain words: ${parsed.problem}`);
    for (const words of parsed.commands) for (const [index, word] of words.entries()) if (ruleFor(word, words[index - 1], facts) === undefined) fixed.add(word);
  }
  return fixed;
}

/** undefined: no rule covers the word; true/false: a rule covers it and the word keeps it or not. */
function ruleFor(word: string, previous: string | undefined, facts: PlanFacts): boolean | undefined {
  if (word.startsWith('-JbaseUrl=')) return [PLACEHOLDER_URL, commandBaseUrl(facts.defaultBaseUrl)].includes(word.slice('-JbaseUrl='.length));
  if (word.startsWith('-JtestCase=')) return facts.testCaseIds.has(word.slice('-JtestCase='.length));
  const server = /^(-J)?(BASE_URL_[A-Za-z0-9_]*)=(.*)$/.exec(word);
  if (server && (server[1] !== undefined || previous === '-e')) return (facts.serverVariables?.has(server[2]!) ?? false) && server[3] === PLACEHOLDER_URL;
  if (word.startsWith('SCENARIO=') && previous === '-e') return facts.testCaseIds.has(word.slice('SCENARIO='.length));
  if (previous === '--perfplan-test-case') return facts.testCaseIds.has(word);
  if (facts.outputPaths.has(word) || facts.testCaseIds.has(word)) return true;
  const results = /^results-(.+)\.(jtl|xml)$/.exec(word);
  if (results) return facts.outputPaths.has(`jmeter/${results[1]}.jmx`);
  if (facts.locustClasses.has(word)) return true;
  return undefined;
}

/** Problems of PLAN.md's commands: one line each. `fixed` comes from the control specs. */
export function checkPlanCommands(input: { planMd: string; facts: PlanFacts; fixed: ReadonlySet<string> }): string[] {
  const problems: string[] = [];
  for (const command of shBlocks(input.planMd)) {
    const parsed = shellAndList(command);
    if (!('commands' in parsed)) {
      problems.push(`PLAN.md command is not plain words for sh (${parsed.problem}): ${JSON.stringify(command.slice(0, 300))}`);
      continue;
    }
    for (const words of parsed.commands) {
      const { argv } = splitAssignments(words);
      if (!PROGRAMS.has(argv[0] ?? '')) problems.push(`PLAN.md command runs ${JSON.stringify(argv[0])}, not an engine: ${JSON.stringify(command.slice(0, 300))}`);
    }
    for (const [word, previous] of parsed.commands.flatMap((words) => words.map((word, at) => [word, words[at - 1]] as const))) {
      const rule = ruleFor(word, previous, input.facts);
      if (rule === false || (rule === undefined && !input.fixed.has(word))) {
        problems.push(`PLAN.md command word ${JSON.stringify(word.slice(0, 200))} is not what the command means (not fixed text, an output file, a test case id or the base URL ${JSON.stringify(commandBaseUrl(input.facts.defaultBaseUrl).slice(0, 200))})`);
      }
    }
  }
  return problems;
}

/** Whether a command of PLAN.md passes the plan's own base URL (not the placeholder) to an engine. */
export function carriesBaseUrl(planMd: string, defaultBaseUrl: string): boolean {
  const word = `-JbaseUrl=${commandBaseUrl(defaultBaseUrl)}`;
  return shBlocks(planMd).some((command) => {
    const parsed = shellAndList(command);
    return 'commands' in parsed && parsed.commands.some((words) => words.includes(word));
  });
}

/**
 * Runs every command of PLAN.md with `sh -c` in an empty folder, the engines stubbed: each must
 * exit 0, call its engine with exactly the words shellWords read, and leave the folder empty.
 */
export function runPlanCommands(input: { planMd: string; root: string }): string[] {
  const problems: string[] = [];
  const binDir = path.join(input.root, 'bin');
  const log = path.join(input.root, 'calls');
  installEngineStubs(binDir, log);
  for (const [index, command] of shBlocks(input.planMd).entries()) {
    const cwd = path.join(input.root, `run-${index}`);
    fs.mkdirSync(cwd);
    fs.rmSync(log, { force: true });
    const result = runWithStubs(command, { cwd, binDir });
    const shown = JSON.stringify(command.slice(0, 300));
    if (result.status !== 0) problems.push(`sh -c ${shown} exited ${String(result.status)}: ${result.stderr.slice(0, 300)}`);
    const created = fs.readdirSync(cwd);
    if (created.length > 0) problems.push(`sh -c ${shown} created ${JSON.stringify(created)}`);
    const parsed = shellAndList(command);
    if (!('commands' in parsed)) continue; // reported by checkPlanCommands
    const expected = parsed.commands.map((words) => splitAssignments(words).argv);
    const calls = recordedCalls(log);
    if (JSON.stringify(calls) !== JSON.stringify(expected)) problems.push(`sh -c ${shown} ran ${JSON.stringify(calls).slice(0, 400)}, not the words ${JSON.stringify(expected).slice(0, 400)}`);
  }
  return problems;
}
