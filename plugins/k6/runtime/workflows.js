import { check, sleep } from 'k6';
import { Rate, Trend } from 'k6/metrics';
import { headerOf, jsonOf, readPointer } from './support.js';
import { stepRuns } from './scenarios.js';

/** Share of workflow iterations that finished every step with a documented status, tagged `workflow`. */
export const workflowComplete = new Rate('workflow_complete');
/** Milliseconds from a workflow iteration's first request to its last, tagged `workflow`. */
export const workflowDuration = new Trend('workflow_duration', true);

/**
 * Where a step takes a value from, parsed from the plan's runtime expression `from`.
 * @typedef {{ variable: string, from: string, source: 'response.body' | 'response.header' | 'request.path' | 'request.query' | 'request.header' | 'request.body' | 'statusCode' | 'url' | 'unsupported', name?: string, pointer?: string[] }} Extraction
 */
/**
 * Where a step puts a carried value (`to` as the plan writes it).
 * @typedef {{ variable: string, to: string, target: 'path' | 'query' | 'header' | 'cookie' | 'body' | 'url', name?: string, pointer?: string[] }} Injection
 */
/**
 * @typedef {{ id: string, weight: number, send: (session?: import('./support.js').Session, overrides?: import('./support.js').Overrides, trace?: import('./support.js').Trace) => import('k6/http').Response, extract: Extraction[], inject: Injection[] }} Step
 * @typedef {{ id: string, thinkTimeSeconds: number, steps: Step[], origins: Record<string, string> }} Workflow
 */

/** Carried values per workflow, for this virtual user; kept across iterations, as steps with a weight below 1 skip some. */
/** @type {Record<string, Record<string, unknown>>} */
const VALUES = {};

/**
 * @param {Extraction} extraction
 * @param {import('k6/http').Response} res
 * @param {import('./support.js').Trace} trace
 * @returns {{ found: boolean, value: unknown }}
 */
function evaluate(extraction, res, trace) {
  const pointer = extraction.pointer || [];
  const name = extraction.name || '';
  /** @param {Record<string, unknown>} values */
  const byName = (values) => {
    const key = Object.keys(values).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    return key === undefined || values[key] === undefined ? { found: false, value: undefined } : { found: true, value: values[key] };
  };
  switch (extraction.source) {
    case 'response.body':
      return readPointer(jsonOf(res), pointer);
    case 'response.header': {
      const value = headerOf(res, name);
      return { found: value !== undefined, value };
    }
    case 'request.path':
      return Object.prototype.hasOwnProperty.call(trace.path, name) ? { found: true, value: trace.path[name] } : { found: false, value: undefined };
    case 'request.query':
      return Object.prototype.hasOwnProperty.call(trace.query, name) ? { found: true, value: trace.query[name] } : { found: false, value: undefined };
    case 'request.header':
      return byName(trace.header);
    case 'request.body':
      return readPointer(trace.body, pointer);
    case 'statusCode':
      return { found: true, value: res.status };
    case 'url':
      return { found: true, value: res.url };
    default:
      return { found: false, value: undefined };
  }
}

/**
 * Ends the iteration: a failed check (thresholds count it), a failed completion, then an
 * error k6 reports as a failed iteration.
 * @param {Workflow} workflow
 * @param {number} started
 * @param {string} checkName
 * @param {string} message
 * @returns {never}
 */
function fail(workflow, started, checkName, message) {
  check(null, { [checkName]: () => false });
  workflowComplete.add(false, { workflow: workflow.id });
  workflowDuration.add(Date.now() - started, { workflow: workflow.id });
  throw new Error(message);
}

/**
 * One iteration of a workflow: its steps in order (a step of weight w in the first iteration
 * and then in a share w of them), each sent with the values earlier steps extracted.
 * @param {Workflow} workflow
 * @param {import('./support.js').Session | undefined} session
 * @param {Record<string, string>} [tags]
 */
export function runWorkflow(workflow, session, tags) {
  const values = VALUES[workflow.id] || (VALUES[workflow.id] = {});
  const started = Date.now();
  let complete = true;
  let sent = 0;
  for (const step of workflow.steps) {
    if (!stepRuns(step.weight)) continue;
    if (sent > 0 && workflow.thinkTimeSeconds > 0) sleep(workflow.thinkTimeSeconds);
    sent += 1;
    /** @type {import('./support.js').Overrides} */
    const overrides = { tags: Object.assign({ workflow: workflow.id }, tags || {}) };
    for (const injection of step.inject) {
      if (!Object.prototype.hasOwnProperty.call(values, injection.variable)) {
        fail(
          workflow,
          started,
          `workflow ${workflow.id} step ${step.id} has ${injection.variable}`,
          `Workflow "${workflow.id}", step "${step.id}": variable "${injection.variable}" has no value (it comes from ${workflow.origins[injection.variable] || 'no step of the workflow'}), so ${injection.to} cannot be sent.`,
        );
      }
      const value = values[injection.variable];
      if (injection.target === 'url') overrides.url = String(value);
      else if (injection.target === 'body') (overrides.body || (overrides.body = [])).push({ pointer: injection.pointer || [], value });
      else {
        const where = overrides[injection.target] || (overrides[injection.target] = {});
        where[injection.name || ''] = value;
      }
    }
    /** @type {import('./support.js').Trace} */
    const trace = { path: {}, query: {}, header: {}, cookie: {}, body: undefined, passed: false };
    const res = step.send(session, overrides, trace);
    complete = complete && trace.passed;
    for (const extraction of step.extract) {
      const result = evaluate(extraction, res, trace);
      if (!result.found) {
        fail(
          workflow,
          started,
          `workflow ${workflow.id} step ${step.id} gives ${extraction.variable}`,
          `Workflow "${workflow.id}", step "${step.id}": ${extraction.from} gave no value for variable "${extraction.variable}" (status ${res.status}).`,
        );
      }
      values[extraction.variable] = result.value;
    }
  }
  workflowComplete.add(complete, { workflow: workflow.id });
  workflowDuration.add(Date.now() - started, { workflow: workflow.id });
  if (workflow.thinkTimeSeconds > 0) sleep(workflow.thinkTimeSeconds);
}
