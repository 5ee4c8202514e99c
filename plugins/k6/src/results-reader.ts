import { resultsError, type ReadResults, type CompleteResultSample, type RunInfo } from 'perfplan/plugin';

/**
 * The counter the generated k6 scripts add to once (runtime/scenarios.js), at the end
 * of setup() (just before the scenarios start), tagged with what the run is: the time the test cases' start times count
 * from, the test type, the test case selected by SCENARIO and the time scale.
 */
export const K6_RUN_METRIC = 'perfplan_run';

interface Point {
  metric: string;
  time: number;
  value: number;
  tags: Record<string, string>;
}

function pointOf(line: string, file: string, lineNumber: number): Point | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw resultsError({
      file,
      line: lineNumber,
      message: `${file} line ${lineNumber} is not JSON: is it the file k6 wrote with --out json=FILE?`,
      fix: 'Run k6 with --out json=results.json and pass that file (one JSON object per line).',
    });
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const entry = parsed as { type?: unknown; metric?: unknown; data?: { time?: unknown; value?: unknown; tags?: unknown } };
  if (entry.type !== 'Point' || typeof entry.metric !== 'string' || entry.data === undefined || entry.data === null) return undefined;
  const time = typeof entry.data.time === 'string' ? Date.parse(entry.data.time) : Number.NaN;
  const value = entry.data.value;
  if (!Number.isFinite(time) || typeof value !== 'number' || !Number.isFinite(value)) {
    throw resultsError({
      file,
      line: lineNumber,
      message: `${file} line ${lineNumber}: a Point needs an ISO 8601 data.time and a numeric data.value.`,
      fix: 'Pass the file k6 wrote with --out json=FILE, unchanged.',
    });
  }
  const tags: Record<string, string> = {};
  if (entry.data.tags !== null && typeof entry.data.tags === 'object') {
    for (const [key, tag] of Object.entries(entry.data.tags as Record<string, unknown>)) if (typeof tag === 'string') tags[key] = tag;
  }
  return { metric: entry.metric, time, value, tags };
}

function runInfo(tags: Record<string, string>): RunInfo {
  const info: RunInfo = {};
  if (tags.type) info.type = tags.type;
  if (tags.test_case) info.testCase = tags.test_case;
  const scale = Number(tags.time_scale);
  if (tags.time_scale && Number.isFinite(scale) && scale > 0) info.timeScale = scale;
  if (tags.file) info.file = tags.file;
  return info;
}

function blank(point: Point, kind: CompleteResultSample['kind'], testCase: string): CompleteResultSample {
  return { startMs: point.time, elapsedMs: 0, label: point.metric, success: true, slowOnly: false, responseCode: '', failureMessage: '', testCase, kind };
}

/**
 * k6's JSON output (`k6 run --out json=results.json`): one object per line. Read are the points of
 * `http_req_duration` (one per request: k6 stamps it when the request ends, so it started its
 * duration earlier; failed when its `expected_response` tag is false, which is what
 * `http_req_failed` counts), `workflow_complete` and `workflow_duration` (one of each per workflow
 * iteration, paired in time order), and the scripts' `perfplan_run` point (the run's start and
 * what it ran). The `scenario` tag names the test case; a request without one (setup()'s token
 * requests) is not the test case's.
 */
export function readK6Json({ text, file }: { text: string; file: string }): CompleteResultSample[] {
  const samples: CompleteResultSample[] = [];
  const completions = new Map<string, Point[]>();
  const durations = new Map<string, Point[]>();
  let points = 0;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const point = pointOf(line, file, index + 1);
    if (point === undefined) return;
    points += 1;
    const scenario = point.tags.scenario ?? '';
    if (point.metric === 'http_req_duration') {
      const failed = point.tags.expected_response === 'false' || (point.tags.expected_response === undefined && !(Number(point.tags.status) >= 200 && Number(point.tags.status) < 400));
      samples.push({
        startMs: point.time - point.value,
        elapsedMs: point.value,
        label: point.tags.name ?? point.tags.url ?? '',
        success: !failed,
        slowOnly: false,
        responseCode: point.tags.status ?? '',
        failureMessage: point.tags.error ?? (failed ? `status ${point.tags.status ?? 'unknown'}` : ''),
        testCase: scenario,
        kind: scenario === '' ? 'auxiliary' : 'request',
      });
    } else if (point.metric === 'workflow_complete' || point.metric === 'workflow_duration') {
      const into = point.metric === 'workflow_complete' ? completions : durations;
      const list = into.get(scenario) ?? [];
      list.push(point);
      into.set(scenario, list);
    } else if (point.metric === K6_RUN_METRIC) {
      samples.push({ ...blank(point, 'run', ''), run: runInfo(point.tags) }, blank(point, 'start', ''));
    }
  });
  if (points === 0) {
    throw resultsError({
      file,
      message: `${file} holds no k6 data point.`,
      fix: 'Pass the file k6 wrote with --out json=results.json (one JSON object per line).',
    });
  }
  const byTime = (left: Point, right: Point) => left.time - right.time;
  for (const [scenario, done] of completions) {
    // Both are added at the end of each iteration, one after the other: in time order they pair up.
    const taken = (durations.get(scenario) ?? []).sort(byTime);
    done.sort(byTime).forEach((point, index) => {
      const elapsed = taken[index]?.value ?? 0;
      samples.push({ ...blank(point, 'workflow', scenario), startMs: point.time - elapsed, elapsedMs: elapsed, label: point.tags.workflow ?? '', success: point.value !== 0 });
    });
  }
  return samples.sort((left, right) => left.startMs - right.startMs);
}

/** The JSON outputs perfplan evaluate --engine k6 was given, one after another. */
export const readK6Results: ReadResults = ({ files }) => files.flatMap((file) => readK6Json({ text: file.text, file: file.path }));

/** Which file perfplan evaluate --engine k6 reads (for its messages). */
export const K6_RESULTS_FILE = 'the file k6 wrote with --out json (k6 run --out json=results.json k6/stress.js)';
