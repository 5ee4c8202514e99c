import { commentText, jsString, type AuthPlan, type Diagnostic, type RequestTemplate } from 'perfplan/plugin';
import { arrayLiteral, objectLiteral } from './js-code.js';
import { bodyCode } from './request-body.js';
import { isHeaderName, serializeCookie, serializeHeader, serializePath, serializeQuery } from './serialize-params.js';

/** One `name: value` entry of an object literal; both already JavaScript. */
export interface Entry {
  key: string;
  value: string;
}

/** Everything the requests template prints for one operation, already JavaScript. */
export interface OperationView {
  functionName: string;
  /** `GET /pets/{petId}`, safe inside a comment. */
  title: string;
  /** The operationId, safe inside a comment. */
  operationId: string;
  method: string;
  pathExpression: string;
  /** Array literal of encoded `name=value` strings. */
  query: string;
  /** Object literals of header and cookie values. */
  headers: string;
  cookies: string;
  authStatements: string[];
  body: string;
  groupName: string;
  tagName: string;
  checkName: string;
  checkExpression: string;
}

// OpenAPI: header parameters with these names are ignored; the request defines them.
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

// Path literals keep `/` and sub-delimiters; `?` and `#` would end the path.
function encodePathLiteral(text: string): string {
  return encodeURI(text).replace(/\?/g, '%3F').replace(/#/g, '%23');
}

function pathExpression(request: RequestTemplate, warn: (message: string) => void): string {
  const values = new Map(request.parameters.filter((param) => param.in === 'path').map((param) => [param.name, param]));
  const parts: string[] = [];
  let literal = '';
  const flush = () => {
    if (literal !== '') parts.push(jsString(literal));
    literal = '';
  };
  for (const piece of request.path.split(/(\{[^{}]*\})/)) {
    const name = /^\{([^{}]*)\}$/.exec(piece)?.[1];
    const param = name === undefined ? undefined : values.get(name);
    if (name === undefined || !param) {
      if (name !== undefined) warn(`path parameter "${name}" has no value; it is sent as written`);
      literal += encodePathLiteral(piece);
      continue;
    }
    const value = serializePath(param);
    if ('encoded' in value) literal += value.encoded;
    else {
      flush();
      parts.push(`encodeURIComponent(${jsString(value.raw)})`);
    }
  }
  flush();
  return parts.length === 0 ? '""' : parts.join(' + ');
}

function authStatements(request: RequestTemplate, auth: readonly AuthPlan[], warn: (message: string) => void): string[] {
  const statements: string[] = [];
  for (const scheme of request.auth) {
    const plan = auth.find((candidate) => candidate.scheme === scheme);
    if (!plan) {
      warn(`security scheme "${scheme}" has no auth plan; requests go without it`);
      continue;
    }
    if (plan.type === 'bearer') {
      statements.push(`headers["Authorization"] = "Bearer " + requireEnv(${jsString(plan.tokenEnv)});`);
    } else if (plan.type === 'oauth2-client-credentials' || plan.type === 'oauth2-password') {
      const flow = [
        `scheme: ${jsString(plan.scheme)}`,
        `tokenUrl: ${jsString(plan.tokenUrl)}`,
        `grant: ${jsString(plan.type === 'oauth2-password' ? 'password' : 'client_credentials')}`,
        `clientIdEnv: ${jsString(plan.clientIdEnv)}`,
        `clientSecretEnv: ${jsString(plan.clientSecretEnv)}`,
        ...(plan.type === 'oauth2-password' ? [`usernameEnv: ${jsString(plan.usernameEnv)}`, `passwordEnv: ${jsString(plan.passwordEnv)}`] : []),
        `scopes: [${plan.scopes.map((scope) => jsString(scope)).join(', ')}]`,
      ];
      statements.push(`headers["Authorization"] = "Bearer " + oauth2Token({ ${flow.join(', ')} });`);
    } else if (plan.type === 'basic') {
      statements.push(
        `headers["Authorization"] = "Basic " + encoding.b64encode(requireEnv(${jsString(plan.usernameEnv)}) + ":" + requireEnv(${jsString(plan.passwordEnv)}));`,
      );
    } else if (plan.in === 'header') {
      statements.push(`headers[${jsString(plan.name)}] = requireEnv(${jsString(plan.valueEnv)});`);
    } else if (plan.in === 'query') {
      statements.push(`query.push(${jsString(`${encodeURIComponent(plan.name)}=`)} + encodeURIComponent(requireEnv(${jsString(plan.valueEnv)})));`);
    } else {
      statements.push(`cookies[${jsString(plan.name)}] = requireEnv(${jsString(plan.valueEnv)});`);
    }
  }
  return statements;
}

/** k6 refuses group and check names containing `::` (its path separator). */
function k6Name(text: string): string {
  return text.replace(/:{2,}/g, (colons) => colons.split('').join(' '));
}

function statusCheck(statuses: readonly number[]): { name: string; expression: string } {
  const unique = [...new Set(statuses.filter((status) => Number.isInteger(status)))];
  if (unique.length === 0) return { name: 'status is below 400', expression: 'r.status < 400' };
  if (unique.length === 1) return { name: `status is ${unique[0]}`, expression: `r.status === ${unique[0]}` };
  return { name: `status is ${unique.join(' or ')}`, expression: `[${unique.join(', ')}].includes(r.status)` };
}

export function operationView(input: {
  request: RequestTemplate;
  functionName: string;
  auth: readonly AuthPlan[];
  report: (diagnostic: Diagnostic) => void;
}): OperationView {
  const { request, functionName } = input;
  const warn = (message: string) =>
    input.report({ code: 'k6/request-incomplete', severity: 'warning', message: `k6: operation "${request.operationId}": ${message}.` });
  const query = request.parameters
    .filter((param) => param.in === 'query')
    .map(serializeQuery)
    .filter((pair) => pair !== '')
    .map((pair) => jsString(pair));
  const headers: Entry[] = [];
  for (const param of request.parameters.filter((candidate) => candidate.in === 'header')) {
    if (IGNORED_HEADERS.has(param.name.toLowerCase())) continue;
    if (!isHeaderName(param.name)) {
      warn(`header "${param.name}" is not a valid header name; it is not sent`);
      continue;
    }
    headers.push({ key: jsString(param.name), value: jsString(serializeHeader(param)) });
  }
  const cookies = request.parameters
    .filter((param) => param.in === 'cookie')
    .map((param) => ({ key: jsString(param.name), value: jsString(serializeCookie(param)) }));
  const body = request.body ? bodyCode(request.body, '  ') : undefined;
  if (body?.contentType) headers.push({ key: jsString('Content-Type'), value: body.contentType });
  const check = statusCheck(request.expectedStatuses);
  return {
    functionName,
    title: commentText(`${request.method.toUpperCase()} ${request.path}`),
    operationId: commentText(request.operationId),
    method: jsString(request.method.toUpperCase()),
    pathExpression: pathExpression(request, warn),
    query: arrayLiteral(query, '  '),
    headers: objectLiteral(headers, '  '),
    cookies: objectLiteral(cookies, '  '),
    authStatements: authStatements(request, input.auth, warn),
    body: body?.expression ?? 'null',
    groupName: jsString(k6Name(request.operationId)),
    tagName: jsString(request.operationId),
    checkName: jsString(check.name),
    checkExpression: check.expression,
  };
}
