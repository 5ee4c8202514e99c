import { commentText, jsLiteral, jsString, parseInjection, requestAuthPlans, sendableParameters, type AuthPlan, type Diagnostic, type JsonValue, type RequestParameter, type RequestTemplate, type ValueVariation } from 'perfplan/plugin';
import { bodyCode } from './request-body.js';

/** Everything the requests template prints for one operation, already JavaScript or comment-safe text. */
export interface OperationView {
  functionName: string;
  /** `GET /pets/{petId}`, safe inside a comment. */
  title: string;
  /** The operationId, safe inside a comment. */
  operationId: string;
  /** Why a validating server may refuse the request, safe inside a comment; '' when none. */
  knownUnsupported: string;
  /** Lines of the operation's object literal (handed to `send`), indented for the function body. */
  specLines: string[];
}

/** k6 refuses group and check names containing `::` (its path separator). */
export function k6Name(text: string): string {
  return text.replace(/:{2,}/g, (colons) => colons.split('').join(' '));
}

function parameterLiteral(param: RequestParameter): string {
  const fields = [`name: ${jsString(param.name)}`, `in: ${jsString(param.in)}`, `value: ${jsLiteral(param.value)}`];
  if (param.style !== undefined) fields.push(`style: ${jsString(param.style)}`);
  if (param.explode !== undefined) fields.push(`explode: ${param.explode}`);
  return `{ ${fields.join(', ')} }`;
}

/** The scheme's entry in the requests module's AUTH table. */
export function authLiteral(plan: AuthPlan): string {
  switch (plan.type) {
    case 'bearer':
      return `{ type: "bearer", tokenEnv: ${jsString(plan.tokenEnv)} }`;
    case 'basic':
      return `{ type: "basic", usernameEnv: ${jsString(plan.usernameEnv)}, passwordEnv: ${jsString(plan.passwordEnv)} }`;
    case 'apiKey':
      return `{ type: "apiKey", in: ${jsString(plan.in)}, name: ${jsString(plan.name)}, valueEnv: ${jsString(plan.valueEnv)} }`;
    case 'oauth2-client-credentials':
    case 'oauth2-password': {
      const fields = [
        'type: "oauth2"',
        `scheme: ${jsString(plan.scheme)}`,
        `tokenUrl: ${jsString(plan.tokenUrl)}`,
        `tokenUrlEnv: ${jsString(plan.tokenUrlEnv)}`,
        `tokenEnv: ${jsString(plan.tokenEnv)}`,
        `grant: ${jsString(plan.type === 'oauth2-password' ? 'password' : 'client_credentials')}`,
        `clientIdEnv: ${jsString(plan.clientIdEnv)}`,
        `clientSecretEnv: ${jsString(plan.clientSecretEnv)}`,
        ...(plan.type === 'oauth2-password' ? [`usernameEnv: ${jsString(plan.usernameEnv)}`, `passwordEnv: ${jsString(plan.passwordEnv)}`] : []),
        `scopes: ${jsLiteral(plan.scopes)}`,
      ];
      return `{ ${fields.join(', ')} }`;
    }
  }
}

/**
 * A variation as support.js reads it: its target parsed (where, name, pointer), the rest as the
 * plan gives it. Undefined for a target k6 cannot write (a URL) or a parameter the request does
 * not send.
 */
function variationLiteral(variation: ValueVariation, sent: readonly RequestParameter[]): string | undefined {
  const target = parseInjection(variation.target);
  if (target === undefined || target.target === 'url') return undefined;
  if (target.target !== 'body' && !sent.some((param) => param.in === target.target && (target.target === 'header' ? param.name.toLowerCase() === target.name?.toLowerCase() : param.name === target.name))) return undefined;
  const { target: _target, ...rest } = variation;
  const fields: Record<string, JsonValue> = { where: target.target };
  if (target.name !== undefined) fields.name = target.name;
  if (target.pointer !== undefined) fields.pointer = target.pointer;
  return jsLiteral({ ...fields, ...(rest as unknown as Record<string, JsonValue>) });
}

function statuses(request: RequestTemplate): number[] {
  return [...new Set(request.expectedStatuses.filter((status) => Number.isInteger(status)))];
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
  const parameters = sendableParameters(request, warn);
  const schemes = requestAuthPlans(request, input.auth, warn);
  const lines = [
    `operationId: ${jsString(request.operationId)},`,
    `group: ${jsString(k6Name(request.operationId))},`,
    `method: ${jsString(request.method.toUpperCase())},`,
    ...(request.server === undefined ? [] : [`server: ${jsString(request.server)},`]),
    `path: ${jsString(request.path)},`,
    ...(request.query === undefined ? [] : [`query: ${jsString(request.query)},`]),
  ];
  if (parameters.length === 0) lines.push('parameters: [],');
  else lines.push('parameters: [', ...parameters.map((param) => `  ${parameterLiteral(param)},`), '],');
  if (request.body) lines.push(...bodyCode(request.body));
  lines.push(`statuses: [${statuses(request).join(', ')}],`);
  lines.push(`auth: [${schemes.map((plan) => `AUTH[${jsString(plan.scheme)}]`).join(', ')}],`);
  const variations = (request.variations ?? []).flatMap((variation) => variationLiteral(variation, parameters) ?? []);
  if (variations.length > 0) lines.push('variations: [', ...variations.map((literal) => `  ${literal},`), '],');
  return {
    functionName,
    title: commentText(`${request.method.toUpperCase()} ${request.path}`),
    operationId: commentText(request.operationId),
    knownUnsupported: request.knownUnsupported ? commentText(request.knownUnsupported, 300) : '',
    specLines: lines,
  };
}
