import { parseCsv, resultsError, type ReadResults, type CompleteResultSample, type RunInfo } from 'perfplan/plugin';
import { RUN_LABEL, START_LABEL } from './run-check.js';
import { TOKEN_LABEL_PREFIX, WORKFLOW_LABEL_PREFIX } from './test-plan-view.js';
import { CHECK_LABEL_PREFIX } from './token-url-check.js';

const REQUIRED = ['timeStamp', 'elapsed', 'label', 'success', 'threadName'] as const;

/** JMeter's message for a failed Duration Assertion. */
const TOO_LONG = /^The operation lasted too long/;

/** The thread group of a JMeter thread name (`load_getPet 1-3`, `stress_x #2 2-5` → `load_getPet`, `stress_x`). */
export function threadGroupOf(threadName: string): string {
  return threadName.replace(/ \d+-\d+$/, '').replace(/ #\d+$/, '');
}

/** What a sample is, by the labels this renderer gives its marker samples, transactions and token requests. */
function kindOf(label: string): CompleteResultSample['kind'] {
  if (label === RUN_LABEL) return 'run';
  if (label === START_LABEL) return 'start';
  if (label.startsWith(WORKFLOW_LABEL_PREFIX)) return 'workflow';
  if (label.startsWith(TOKEN_LABEL_PREFIX)) return 'auxiliary';
  if (label.startsWith(CHECK_LABEL_PREFIX)) return 'check';
  return 'request';
}

/** The run check's message: a JSON object of the run's settings (see run-check.ts). */
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
export function readJmeterJtl({ text, file }: { text: string; file: string }): CompleteResultSample[] {
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  const missing = REQUIRED.filter((name) => !header.includes(name));
  if (rows.length === 0 || missing.length > 0) {
    throw resultsError({
      file,
      message: rows.length === 0 ? `${file} is empty.` : `${file} is not a CSV JTL with field names: no ${missing.join(', ')} column.`,
      fix: 'Run JMeter with -l results.jtl -Jjmeter.save.saveservice.output_format=csv -Jjmeter.save.saveservice.print_field_names=true.',
    });
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
  const samples: CompleteResultSample[] = [];
  rows.slice(1).forEach((cells, index) => {
    const startMs = Number(cells[at.time]);
    const elapsedMs = Number(cells[at.elapsed]);
    if (!Number.isFinite(startMs) || !Number.isFinite(elapsedMs)) {
      throw resultsError({
        file,
        line: index + 2,
        message: `${file} line ${index + 2}: timeStamp and elapsed must be numbers (is the timestamp format ms?).`,
        fix: 'Keep JMeter\'s default jmeter.save.saveservice.timestamp_format=ms.',
      });
    }
    const rawLabel = cells[at.label] ?? '';
    const kind = kindOf(rawLabel);
    // A workflow iteration is labelled by its workflow's id, as in every engine's results.
    const label = kind === 'workflow' ? rawLabel.slice(WORKFLOW_LABEL_PREFIX.length) : rawLabel;
    const success = (cells[at.success] ?? '').toLowerCase() === 'true';
    const failureMessage = at.message >= 0 ? (cells[at.message] ?? '') : '';
    const sample: CompleteResultSample = {
      startMs,
      elapsedMs,
      label,
      success,
      slowOnly: !success && TOO_LONG.test(failureMessage),
      responseCode: at.code >= 0 ? (cells[at.code] ?? '') : '',
      failureMessage,
      testCase: threadGroupOf(cells[at.thread] ?? ''),
      kind,
    };
    if (sample.kind === 'run') sample.run = runInfo(at.response >= 0 ? (cells[at.response] ?? '') : '', failureMessage);
    samples.push(sample);
  });
  return samples;
}

/** The JTLs perfplan evaluate --engine jmeter was given, one after another. */
export const readJmeterResults: ReadResults = ({ files }) => files.flatMap((file) => readJmeterJtl({ text: file.text, file: file.path }));

/** Which file perfplan evaluate --engine jmeter reads (for its messages). */
export const JMETER_RESULTS_FILE = 'the file JMeter wrote with -l (jmeter -n -t jmeter/load.jmx -l results.jtl)';
