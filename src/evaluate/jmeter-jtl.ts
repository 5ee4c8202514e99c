import { PerfplanError, ExitCode } from '../errors/index.js';
import { parseCsv } from './csv.js';
import type { ResultsReader, Sample } from './samples.js';

/** Label prefixes the JMeter renderer gives workflow transactions and OAuth2 token requests. */
export const JMETER_WORKFLOW_PREFIX = 'workflow:';
export const JMETER_TOKEN_PREFIX = 'oauth2 token:';
/** Label prefix of the checks a .jmx runs before any load (see the JMeter plugin's token-url-check.ts). */
export const JMETER_CHECK_PREFIX = 'perfplan check:';

const REQUIRED = ['timeStamp', 'elapsed', 'label', 'success', 'threadName'] as const;

/** JMeter's message for a failed Duration Assertion. */
const TOO_LONG = /^The operation lasted too long/;

/** The thread group of a JMeter thread name (`load_getPet 1-3`, `stress_x #2 2-5` → `load_getPet`, `stress_x`). */
export function threadGroupOf(threadName: string): string {
  return threadName.replace(/ \d+-\d+$/, '').replace(/ #\d+$/, '');
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
  const at = { time: column('timeStamp'), elapsed: column('elapsed'), label: column('label'), code: column('responseCode'), success: column('success'), message: column('failureMessage'), thread: column('threadName') };
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
    samples.push({
      startMs,
      elapsedMs,
      label,
      success,
      slowOnly: !success && TOO_LONG.test(failureMessage),
      responseCode: at.code >= 0 ? (cells[at.code] ?? '') : '',
      failureMessage,
      testCase: threadGroupOf(cells[at.thread] ?? ''),
      kind: label.startsWith(JMETER_WORKFLOW_PREFIX) ? 'workflow' : label.startsWith(JMETER_TOKEN_PREFIX) ? 'auxiliary' : label.startsWith(JMETER_CHECK_PREFIX) ? 'check' : 'request',
    });
  });
  return samples;
};
