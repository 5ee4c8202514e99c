/**
 * How to read Prism's (5.14, `prism mock --errors`) answer to one request.
 *
 * A request counts as REJECTED exactly when Prism found the REQUEST itself invalid for the spec:
 *  1. its `sl-violations` header lists a violation whose location starts with "request" and whose
 *     severity is "Error" (Prism adds the header whenever validation found something, including
 *     when it then answers with a 400/401/422 response documented in the spec); or
 *  2. its body is `application/problem+json` with a `type` of `https://stoplight.io/prism/errors#T`
 *     where T says the request did not fit the spec: no path/method/server matched
 *     (NO_PATH_MATCHED_ERROR, NO_METHOD_MATCHED_ERROR, NO_SERVER_MATCHED_ERROR, NO_RESOURCE_PROVIDED_ERROR,
 *     NO_BASE_URL_ERROR), invalid parameters or body with no documented 400/422 to answer with
 *     (UNPROCESSABLE_ENTITY, details in `validation`), unmet security (UNAUTHORIZED), an
 *     undeclared Content-Type (INVALID_CONTENT_TYPE) or an Accept header the operation cannot
 *     satisfy (NOT_ACCEPTABLE).
 *
 * NOT rejected:
 *  - a 4xx/5xx that Prism picked from the spec's documented responses with no request violation
 *    (for example an operation that only documents `default` or `404`): the request was valid;
 *  - warnings (severity "Warning"/"Information") about the request: Prism still accepts it;
 *  - response-side violations (header entries located at "response", or problem type VIOLATIONS,
 *    which `--errors` turns into a 500 when Prism's own mocked response breaks the spec): the
 *    spec's examples/schemas are at fault, not the request. They are recorded as `prismProblem`;
 *  - Prism's own failures (NO_RESPONSE_RESPONSE_DEFINED, SCHEMA_TOO_COMPLEX, NOT_FOUND for an
 *    example key, NO_COMPLEX_OBJECT_TEXT, UNKNOWN): recorded as `prismProblem` too.
 */
export const PRISM_ERROR_TYPE_PREFIX = 'https://stoplight.io/prism/errors#';

const REQUEST_PROBLEM_TYPES = new Set([
  'NO_PATH_MATCHED_ERROR',
  'NO_METHOD_MATCHED_ERROR',
  'NO_SERVER_MATCHED_ERROR',
  'NO_RESOURCE_PROVIDED_ERROR',
  'NO_BASE_URL_ERROR',
  'UNPROCESSABLE_ENTITY',
  'UNAUTHORIZED',
  'INVALID_CONTENT_TYPE',
  'NOT_ACCEPTABLE',
]);

export interface PrismAnswer {
  status: number;
  /** Response headers with lower-case names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface PrismVerdict {
  rejected: boolean;
  /** Why Prism rejected the request, one line per violation (empty when accepted). */
  reasons: string[];
  /** The `prism/errors#...` type of a problem+json answer, if any. */
  problemType?: string;
  /** Response-side violations and Prism's own failures: not the request's fault, still worth reporting. */
  prismProblem: string[];
}

interface Violation {
  location?: unknown;
  severity?: unknown;
  code?: unknown;
  message?: unknown;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function describe(violation: Violation, prefix?: string): string {
  const location = Array.isArray(violation.location) ? violation.location.map(String) : [];
  const where = [...(prefix === undefined ? [] : [prefix]), ...location].join('.');
  const code = violation.code === undefined ? '' : ` (${String(violation.code)})`;
  return `${where || 'request'}: ${String(violation.message ?? 'violation')}${code}`;
}

/** The entries of the `sl-violations` header; a header Prism truncated ("Too many violations! ...") is salvaged by text. */
function parseViolationHeader(value: string): { entries: Violation[]; truncatedRequestViolation: boolean } {
  try {
    const parsed: unknown = JSON.parse(value);
    return { entries: Array.isArray(parsed) ? (parsed as Violation[]) : [], truncatedRequestViolation: false };
  } catch {
    return { entries: [], truncatedRequestViolation: /"location":\["request"[^\]]*\],"severity":"Error"/.test(value) };
  }
}

function isProblemJson(headers: PrismAnswer['headers']): boolean {
  return /application\/problem\+json/i.test(headerText(headers['content-type']) ?? '');
}

export function classifyPrismAnswer(answer: PrismAnswer): PrismVerdict {
  const reasons: string[] = [];
  const prismProblem: string[] = [];
  let problemType: string | undefined;

  const header = headerText(answer.headers['sl-violations']);
  if (header !== undefined) {
    const { entries, truncatedRequestViolation } = parseViolationHeader(header);
    if (truncatedRequestViolation) reasons.push(`request: too many violations for Prism's header: ${header.slice(0, 300)}`);
    for (const entry of entries) {
      const side = Array.isArray(entry.location) ? entry.location[0] : undefined;
      if (side === 'request' && entry.severity === 'Error') reasons.push(describe(entry));
      else if (side === 'response' && entry.severity === 'Error') prismProblem.push(describe(entry));
    }
  }

  if (isProblemJson(answer.headers)) {
    let problem: { type?: unknown; title?: unknown; detail?: unknown; validation?: unknown } = {};
    try {
      problem = JSON.parse(answer.body) as typeof problem;
    } catch {
      // A problem+json body that is not JSON is not Prism's.
    }
    const type = typeof problem.type === 'string' ? problem.type : '';
    if (type.startsWith(PRISM_ERROR_TYPE_PREFIX)) {
      problemType = type.slice(PRISM_ERROR_TYPE_PREFIX.length);
      const validation = Array.isArray(problem.validation) ? (problem.validation as Violation[]) : [];
      const summary = `${problemType}: ${String(problem.title ?? '')}${problem.detail ? ` (${String(problem.detail)})` : ''}`;
      if (REQUEST_PROBLEM_TYPES.has(problemType)) {
        if (validation.length === 0 && reasons.length === 0) reasons.push(summary);
        for (const entry of validation) {
          const line = describe(entry, 'request');
          if (!reasons.includes(line)) reasons.push(line);
        }
        if (problemType === 'UNAUTHORIZED' && reasons.every((line) => !line.startsWith('UNAUTHORIZED'))) {
          reasons.unshift(summary);
        }
      } else {
        const details = validation.map((entry) => describe(entry));
        for (const line of details.length > 0 ? details : [summary]) {
          if (!prismProblem.includes(line)) prismProblem.push(line);
        }
      }
    }
  }
  const verdict: PrismVerdict = { rejected: reasons.length > 0, reasons, prismProblem };
  if (problemType !== undefined) verdict.problemType = problemType;
  return verdict;
}
