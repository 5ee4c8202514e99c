import {
  commentText,
  GENERATED_NOTICE,
  jsLiteral,
  jsString,
  planSourceComment,
  requestsByOperation,
  sendableParameters,
  testCaseCalls,
} from 'perfplan/plugin';

/** @typedef {import('perfplan/plugin').TestPlan} TestPlan */
/** @typedef {import('perfplan/plugin').RequestTemplate} RequestTemplate */
/** @typedef {import('perfplan/plugin').JsonValue} JsonValue */

/**
 * Everything templates/smoke.mjs.ejs prints, already written as JavaScript. Every string that
 * comes from the spec (ids, paths, parameter values, bodies) goes through jsString or jsLiteral
 * (JSON.stringify, with U+2028/U+2029 escaped) or, in a comment, commentText: the template only
 * prints these values and never pastes a raw string into code.
 * @param {TestPlan} plan
 * @param {{ timeoutMs: number }} options
 */
export function smokeView(plan, options) {
  const requests = requestsByOperation(plan);
  const calls = [];
  for (const testCase of plan.testCases) {
    if (testCase.type !== 'load') continue;
    for (const { request } of testCaseCalls({ plan, testCase, requests }).calls) {
      calls.push(callView(testCase.id, request));
    }
  }
  return {
    // Line 1 and 2 hold fixed text only: editors and interpreters read them (see GENERATED_NOTICE).
    header: [GENERATED_NOTICE, 'A smoke run: one call to every target of each load test case.', planSourceComment(plan)],
    baseUrl: jsString(plan.defaultBaseUrl),
    timeoutMs: String(options.timeoutMs),
    calls,
  };
}

/**
 * @param {string} testCaseId
 * @param {RequestTemplate} request
 */
function callView(testCaseId, request) {
  const parameters = sendableParameters(request, () => {});
  /** @type {Record<string, string>} */
  const pathParams = {};
  /** @type {Array<[string, string]>} */
  const query = [];
  /** @type {Record<string, string>} */
  const headers = {};
  for (const parameter of parameters) {
    if (parameter.in === 'path') pathParams[parameter.name] = text(parameter.value);
    if (parameter.in === 'query') for (const [name, value] of formPairs(parameter.name, parameter.value)) query.push([name, value]);
    if (parameter.in === 'header') headers[parameter.name] = text(parameter.value);
  }
  const body = request.body !== undefined && isJson(request.body.mediaType) ? { contentType: request.body.mediaType, text: JSON.stringify(request.body.value) } : null;
  return {
    comment: commentText(`${request.method.toUpperCase()} ${request.path}`),
    testCase: jsString(testCaseId),
    label: jsString(request.operationId),
    method: jsString(request.method.toUpperCase()),
    path: jsString(request.path),
    pathParams: jsLiteral(pathParams),
    query: jsLiteral(query),
    headers: jsLiteral(headers),
    body: jsLiteral(body),
    expected: jsLiteral(request.expectedStatuses),
  };
}

/** @param {string} mediaType */
function isJson(mediaType) {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(mediaType);
}

/**
 * A query value as form style with explode (OpenAPI's default): an array repeats the name, an
 * object gives one pair per property. This scaffold leaves out the other styles.
 * @param {string} name
 * @param {JsonValue} value
 * @returns {Array<[string, string]>}
 */
function formPairs(name, value) {
  if (Array.isArray(value)) return value.map((item) => [name, text(item)]);
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([key, item]) => [key, text(item)]);
  return [[name, text(value)]];
}

/** @param {JsonValue} value */
function text(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
