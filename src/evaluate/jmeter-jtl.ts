import { PerfplanError, ExitCode } from '../errors/index.js';
import { parseCsv } from './csv.js';
import type { ResultsReader, RunInfo, Sample } from './samples.js';

/** Label prefixes the JMeter renderer gives workflow transactions and OAuth2 token requests. */
export const JMETER_WORKFLOW_PREFIX = 'workflow:';
export const JMETER_TOKEN_PREFIX = 'oauth2 token:';
/** Label prefix of the checks a .jmx runs before any load (see the JMeter plugin's token-url-check.ts). */
export const JMETER_CHECK_PREFIX = 'perfplan check:';
/** Labels of the renderer's run check (its message: the run's settings as JSON) and of the run's start. */
export const JMETER_RUN_LABEL = 'perfplan:run';
export const JMETER_START_LABEL = 'perfplan:start';

const REQUIRED = ['timeStamp', 'elapsed', 'label', 'success', 'threadName'] as const;

/** JMeter's message for a failed Duration Assertion. */
const TOO_LONG = /^The operation lasted too long/;

/** The thread group of a JMeter thread name (`load_getPet 1-3`, `stress_x #2 2-5` → `load_getPet`, `stress_x`). */
export function threadGroupOf(threadName: string): string {
  return threadName.replace(/ \d+-\d+$/, '').replace(/ #\d+$/, '');
}

function kindOf(label: string): Sample['kind'] {
  if (label === JMETER_RUN_LABEL) return 'run';
  if (label === JMETER_START_LABEL) return 'start';
  if (label.startsWith(JMETER_WORKFLOW_PREFIX)) return 'workflow';
  if (label.startsWith(JMETER_TOKEN_PREFIX)) return 'auxiliary';
  if (label.startsWith(JMETER_CHECK_PREFIX)) return 'check';
  return 'request';
}

/** The run check's message: a JSON object of the run's settings (see plugins/jmeter/src/run-check.ts). */
function runInfo(message: string, failureMessage: string): RunInfo {
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(message);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) parsed = value as Record<string, unknown>;
  } catch {
    // Not the run check's JSON: only the failure message (if any) says something.
  }
  const text = (key: string) => (typeof parsed[key] === 'string' ? (parsed[key] as string) : undefined);
  const numeric = (key: string) => {
    const value = typeof parsed[key] === 'string' ? Number(parsed[key]) : parsed[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  const info: RunInfo = {};
  const assign = <K extends keyof RunInfo>(key: K, value: RunInfo[K] | undefined) => {
    if (value !== undefined) info[key] = value;
  };
  assign('file', text('file'));
  assign('type', text('type'));
  assign('testCase', text('testCase'));
  assign('timeScale', numeric('timeScale'));
  assign('users', numeric('users'));
  assign('refused', text('refused') ?? (failureMessage !== '' ? failureMessage : undefined));
  return info;
}

/**
 * A CSV JTL with field names (jmeter -l results.jtl with
 * jmeter.save.saveservice.output_format=csv and print_field_names=true, JMeter's defaults).
 */
export const readJmeterJtl: ResultsReader = ({ text, file }) => {
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  const missing = REQUIRED.filter((name) => !header.includes(name));
  if (rows.length === 0 || missing.length > 0) {
    throw new PerfplanError(
      'evaluate/bad-results',
      rows.length === 0 ? `${file} is empty.` : `${file} is not a CSV JTL with field names: no ${missing.join(', ')} column.`,
      {
        file,
        fix: 'Run JMeter with -l results.jtl -Jjmeter.save.saveservice.output_format=csv -Jjmeter.save.saveservice.print_field_names=true.',
        exitCode: ExitCode.usage,
      },
    );
  }
  const column = (name: string) => header.indexOf(name);
  const at = {
    time: column('timeStamp'),
    elapsed: column('elapsed'),
    label: column('label'),
    code: column('responseCode'),
    response: column('responseMessage'),
    success: column('success'),
    message: column('failureMessage'),
    thread: column('threadName'),
  };
  const samples: Sample[] = [];
  rows.slice(1).forEach((cells, index) => {
    const startMs = Number(cells[at.time]);
    const elapsedMs = Number(cells[at.elapsed]);
    if (!Number.isFinite(startMs) || !Number.isFinite(elapsedMs)) {
      throw new PerfplanError('evaluate/bad-results', `${file} line ${index + 2}: timeStamp and elapsed must be numbers (is the timestamp format ms?).`, {
        file,
        pointer: `line ${index + 2}`,
        fix: 'Keep JMeter\'s default jmeter.save.saveservice.timestamp_format=ms.',
        exitCode: ExitCode.usage,
      });
    }
    const label = cells[at.label] ?? '';
    const success = (cells[at.success] ?? '').toLowerCase() === 'true';
    const failureMessage = at.message >= 0 ? (cells[at.message] ?? '') : '';
    const sample: Sample = {
      startMs,
      elapsedMs,
      label,
      success,
      slowOnly: !success && TOO_LONG.test(failureMessage),
      responseCode: at.code >= 0 ? (cells[at.code] ?? '') : '',
      failureMessage,
      testCase: threadGroupOf(cells[at.thread] ?? ''),
      kind: kindOf(label),
    };
    if (sample.kind === 'run') sample.run = runInfo(at.response >= 0 ? (cells[at.response] ?? '') : '', failureMessage);
    samples.push(sample);
  });
  return samples;
};
