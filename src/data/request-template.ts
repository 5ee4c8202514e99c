import type { ApiModel, Diagnostic, OperationModel, RequestTemplate } from '../model/index.js';
import { requestAuth } from './auth.js';
import { dedupedReporter } from './diagnostics.js';
import { knownUnsupportedReason } from './known-unsupported.js';
import { pathKeyOf } from '../openapi/path-key.js';
import { resolveSynthesisLimits, type SynthesisLimits } from './limits.js';
import { requestParameters } from './parameters.js';
import { patchTarget } from './patch-target.js';
import { planRequestBody } from './request-body.js';
import { expectedStatuses } from './statuses.js';
import { wellFormedValue } from './well-formed.js';

export interface BuildRequestTemplateInput {
  model: ApiModel;
  operation: OperationModel;
  report: (diagnostic: Diagnostic) => void;
  /** Size limits of synthesized values; the defaults raised by the environment when omitted. */
  limits?: SynthesisLimits;
}

/** The fully resolved request of one operation: concrete parameter values, body, statuses and auth. */
export function buildRequestTemplate(input: BuildRequestTemplateInput): RequestTemplate {
  const { model, operation } = input;
  const report = dedupedReporter(input.report);
  const tooLarge: string[] = [];
  const limits = input.limits ?? resolveSynthesisLimits();
  const context = { document: model.document, report, file: model.sourceFile, limits, unsupported: (reason: string) => tooLarge.push(reason) };
  // A path key's literal query fixes the values of its names: a declared parameter of the same name is not sent again.
  const key = pathKeyOf(operation);
  const template: RequestTemplate = {
    operationId: operation.id,
    method: operation.method,
    path: key.path,
    ...(key.query === undefined ? {} : { query: key.query }),
    parameters: requestParameters({ operation, ...context }).filter((parameter) => parameter.in !== 'query' || !key.queryNames.includes(parameter.name)),
    expectedStatuses: expectedStatuses(operation.responses),
    auth: requestAuth({ model, operation, report }),
  };
  const planned = sendsBody(operation) ? planRequestBody({ requestBody: operation.requestBody, ...context, patchTarget: () => patchTarget(model, operation) }) : undefined;
  const body = planned?.body;
  if (body !== undefined) template.body = body;
  const reasons = [
    ...(tooLarge.length > 0 ? [tooLargeReason(tooLarge)] : []),
    ...(planned?.unsupported ?? []),
    knownUnsupportedReason({ body, content: planned?.content, document: model.document }),
  ];
  const unsupported = reasons.filter((reason): reason is string => reason !== undefined);
  if (unsupported.length > 0) template.knownUnsupported = unsupported.join(' ');
  return withWellFormedStrings(template, report, operation.pointer);
}

/** Why a request whose required values need more than the size limits is expected to be refused. */
function tooLargeReason(parts: string[]): string {
  return `perfplan cannot build a required value within its size limits; the request is sent with a smaller placeholder, which a validating server will likely refuse: ${parts.join('; ')}.`;
}

/** Lone surrogates (valid in JSON, impossible on the wire) become U+FFFD, with a diagnostic. */
function withWellFormedStrings(template: RequestTemplate, report: (diagnostic: Diagnostic) => void, pointer: string): RequestTemplate {
  let changed = false;
  const parameters = template.parameters.map((parameter) => {
    const result = wellFormedValue(parameter.value);
    changed ||= result.changed;
    return result.changed ? { ...parameter, value: result.value } : parameter;
  });
  let body = template.body;
  if (body !== undefined) {
    const result = wellFormedValue(body.value);
    changed ||= result.changed;
    if (result.changed) body = { ...body, value: result.value };
  }
  if (!changed) return template;
  report({
    code: 'data/lone-surrogate',
    severity: 'warning',
    message: `A request value of ${template.operationId} holds a lone UTF-16 surrogate, which no request can carry.`,
    pointer,
    fix: 'It is sent as U+FFFD (the replacement character); fix the example in the spec.',
  });
  return body === undefined ? { ...template, parameters } : { ...template, parameters, body };
}

/**
 * A declared body is sent when it is required, or when the method carries a body
 * (POST/PUT/PATCH). An optional body on GET/HEAD/DELETE/OPTIONS/TRACE (Stripe declares
 * one on every GET) is left out: clients do not send one, and some servers reject it.
 */
function sendsBody(operation: OperationModel): boolean {
  if (operation.requestBody === undefined) return false;
  return operation.requestBody.required || ['post', 'put', 'patch'].includes(operation.method);
}
