import type { AuthPlan, RequestParameter, RequestTemplate } from '../model/index.js';

// OpenAPI: header parameters with these names are ignored; the request defines them.
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** RFC 7230 token: what a header name may contain. */
export function isHeaderName(name: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name);
}

/**
 * The parameters a client sends for a request: path parameters the path names, and header
 * parameters other than the ones the request defines itself (Accept, Content-Type,
 * Authorization) whose names are valid. `warn` hears of a header left out for its name and of
 * a path parameter without a value.
 */
export function sendableParameters(request: RequestTemplate, warn: (message: string) => void): RequestParameter[] {
  const pathNames = new Set([...request.path.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]));
  const parameters = request.parameters.filter((param) => {
    if (param.in === 'path' && !pathNames.has(param.name)) return false;
    if (param.in !== 'header') return true;
    if (IGNORED_HEADERS.has(param.name.toLowerCase())) return false;
    if (isHeaderName(param.name)) return true;
    warn(`header "${param.name}" is not a valid header name; it is not sent`);
    return false;
  });
  const given = new Set(parameters.filter((param) => param.in === 'path').map((param) => param.name));
  for (const name of pathNames) if (!given.has(name)) warn(`path parameter "${name}" has no value; it is sent as written`);
  return parameters;
}

/** The auth plans of the schemes a request names, in order; `warn` hears of a scheme the plan cannot satisfy. */
export function requestAuthPlans(request: RequestTemplate, auth: readonly AuthPlan[], warn?: (message: string) => void): AuthPlan[] {
  return request.auth.flatMap((scheme) => {
    const plan = auth.find((candidate) => candidate.scheme === scheme);
    if (!plan) warn?.(`security scheme "${scheme}" has no auth plan; requests go without it`);
    return plan ? [plan] : [];
  });
}
