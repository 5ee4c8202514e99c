import type { TestCase, TestPlan } from '../model/index.js';
import type { RunInfo, Sample } from './samples.js';

/** The test case ids as the scripts write them in thread group names ([A-Za-z0-9_.-]). */
export function scriptId(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** What the results say about the run they come from, and how every test case's window is placed. */
export interface RunContext {
  info?: RunInfo;
  /** Epoch ms every test case's start counts from. */
  originMs: number;
  originSource: 'start marker' | 'earliest sample';
  timeScale: number;
  timeScaleSource: 'the --time-scale flag' | 'the results' | 'the plan';
  /** The test case run alone (it starts at the origin), when one was selected. */
  selected?: TestCase;
  /** The test cases this run was to run: each must have requests in the results. */
  expected: TestCase[];
  /** Said about how the results were read (shown with the verdict). */
  notes: string[];
}

function caseOf(plan: TestPlan, name: string): TestCase | undefined {
  return plan.testCases.find((testCase) => testCase.id === name || scriptId(testCase.id) === name);
}

/**
 * The run's time scale (the flag, else what the run recorded, else the plan's), its origin (the
 * start marker the scripts write, else the earliest sample) and which test cases it was to run
 * (the one selected by name, else the default run of its file's test type).
 */
export function runContext(input: { plan: TestPlan; samples: readonly Sample[]; timeScale?: number }): RunContext {
  const { plan, samples } = input;
  const notes: string[] = [];
  const info = samples.find((sample) => sample.kind === 'run')?.run;
  let timeScale = plan.timeScale > 0 ? plan.timeScale : 1;
  let timeScaleSource: RunContext['timeScaleSource'] = 'the plan';
  if (input.timeScale !== undefined) {
    timeScale = input.timeScale;
    timeScaleSource = 'the --time-scale flag';
    if (info?.timeScale !== undefined && info.timeScale !== input.timeScale) {
      notes.push(`The results say the run used time scale ${info.timeScale}; judged at ${input.timeScale} as --time-scale asks.`);
    }
  } else if (info?.timeScale !== undefined && info.timeScale > 0) {
    timeScale = info.timeScale;
    timeScaleSource = 'the results';
  }

  const start = samples.find((sample) => sample.kind === 'start');
  let originMs = start?.startMs ?? Number.NaN;
  let originSource: RunContext['originSource'] = 'start marker';
  if (start === undefined) {
    originSource = 'earliest sample';
    originMs = samples.filter((sample) => sample.kind === 'request' || sample.kind === 'workflow' || sample.kind === 'auxiliary').reduce((min, sample) => Math.min(min, sample.startMs), Number.POSITIVE_INFINITY);
  }

  const withRequests = new Set(samples.filter((sample) => sample.kind === 'request').map((sample) => sample.testCase));
  let selected: TestCase | undefined;
  let expected: TestCase[];
  if (info?.testCase) {
    selected = caseOf(plan, info.testCase);
    if (selected === undefined) notes.push(`The run selected test case "${info.testCase}", which this plan does not have.`);
    expected = selected ? [selected] : [];
  } else {
    // The type of the run: what it says, else the types of the test cases in the results.
    const ran = plan.testCases.filter((testCase) => withRequests.has(testCase.id) || withRequests.has(scriptId(testCase.id)));
    const types = new Set(info?.type !== undefined ? [info.type] : ran.map((testCase) => testCase.type));
    expected = plan.testCases.filter((testCase) => types.has(testCase.type) && !testCase.onlyByName);
    // Without the run's own record, a single test case in the results is taken as run alone.
    if (info === undefined && ran.length === 1) {
      selected = ran[0];
      expected = [ran[0]!];
      notes.push(`The results do not say which test case ran: ${ran[0]!.id}, the only one in them, is judged as run alone (from the earliest sample).`);
    }
  }
  return { ...(info ? { info } : {}), originMs, originSource, timeScale, timeScaleSource, ...(selected ? { selected } : {}), expected, notes };
}

/** When a test case of the run started (epoch ms): its `startSeconds` into the run, scaled; 0 when run alone. */
export function caseStartMs(context: RunContext, testCase: TestCase): number {
  const offset = context.selected?.id === testCase.id ? 0 : testCase.startSeconds;
  return context.originMs + offset * context.timeScale * 1000;
}
