import { bodyKind, isFileMarker, parseInjection, requestAuthPlans, sendableParameters, type AuthPlan, type BodyKind, type Diagnostic, type JsonValue, type RequestBody, type RequestParameter, type RequestTemplate, type ValueVariation } from 'perfplan/plugin';

export { bodyKind, type BodyKind } from 'perfplan/plugin';

/** The Content-Type to send: the spec's media type unless it is a wildcard range; none for multipart (the boundary decides). */
function contentType(body: RequestBody, kind: BodyKind): string | undefined {
  if (kind === 'multipart') return undefined;
  if (!body.mediaType.includes('*')) return body.mediaType;
  if (kind === 'binary') return isFileMarker(body.value) ? body.value.$file.contentType : 'application/octet-stream';
  return kind === 'json' ? 'application/json' : 'text/plain';
}

function bodyData(body: RequestBody): Record<string, JsonValue> {
  const kind = bodyKind(body);
  const data: Record<string, JsonValue> = { kind };
  const type = contentType(body, kind);
  if (type !== undefined) data.contentType = type;
  data.value = body.value;
  if (body.encoding && Object.keys(body.encoding).length > 0) data.encoding = body.encoding as unknown as JsonValue;
  // The element names and hints of the spec's XML Objects, as perfplan/plugin's wire form writes them.
  if (kind === 'xml') data.xml = (body.xml ?? { name: 'root' }) as unknown as JsonValue;
  return data;
}

/**
 * The entry of one operation in perfplan_requests.REQUESTS: method, path template (and the path
 * key's own query, and the variable of its own server, when it has them), parameters
 * (header parameters the request defines itself and invalid header names left out), body,
 * documented statuses and the security schemes the plan can satisfy.
 */
export function requestData(input: {
  request: RequestTemplate;
  auth: readonly AuthPlan[];
  report: (diagnostic: Diagnostic) => void;
}): Record<string, JsonValue> {
  const { request } = input;
  const warn = (message: string) =>
    input.report({ code: 'locust/request-incomplete', severity: 'warning', message: `locust: operation "${request.operationId}": ${message}.` });
  const parameters = sendableParameters(request, warn);
  const schemes = requestAuthPlans(request, input.auth, warn).map((plan) => plan.scheme);
  const data: Record<string, JsonValue> = {
    operationId: request.operationId,
    method: request.method.toUpperCase(),
    path: request.path,
    ...(request.query === undefined ? {} : { query: request.query }),
    ...(request.server === undefined ? {} : { server: request.server }),
    parameters: parameters.map((param) => {
      const entry: Record<string, JsonValue> = { name: param.name, in: param.in, value: param.value };
      if (param.style !== undefined) entry.style = param.style;
      if (param.explode !== undefined) entry.explode = param.explode;
      return entry;
    }),
  };
  if (request.body) data.body = bodyData(request.body);
  data.statuses = [...new Set(request.expectedStatuses.filter((status) => Number.isInteger(status)))];
  data.auth = schemes;
  const variations = (request.variations ?? []).flatMap((variation) => variationData(variation, parameters) ?? []);
  if (variations.length > 0) data.variations = variations;
  return data;
}

/**
 * A variation as the runtime reads it: its target parsed (where, name, pointer), the rest as the
 * plan gives it; undefined for a URL target or a parameter the request does not send.
 */
function variationData(variation: ValueVariation, sent: readonly RequestParameter[]): Record<string, JsonValue> | undefined {
  const target = parseInjection(variation.target);
  if (target === undefined || target.target === 'url') return undefined;
  if (target.target !== 'body' && !sent.some((param) => param.in === target.target && (target.target === 'header' ? param.name.toLowerCase() === target.name?.toLowerCase() : param.name === target.name))) return undefined;
  const { target: _target, ...rest } = variation;
  const data: Record<string, JsonValue> = { where: target.target };
  if (target.name !== undefined) data.name = target.name;
  if (target.pointer !== undefined) data.pointer = target.pointer;
  return { ...data, ...(rest as unknown as Record<string, JsonValue>) };
}

/** The entry of one scheme in perfplan_requests.AUTH: the plan's auth entry as it is. */
export function authData(plan: AuthPlan): Record<string, JsonValue> {
  return { ...plan } as unknown as Record<string, JsonValue>;
}
