import type { OAuthFlowModel, SecuritySchemeModel } from '../../model/index.js';
import { BuildContext, isRecord, stringOrUndefined, type JsonRecord } from '../build-context.js';
import { SpecDiagnosticCode } from '../diagnostics.js';
import { childPointer } from '../json-pointer.js';
import { emptyRecord } from '../own-keys.js';

const FLOW_NAMES = ['implicit', 'password', 'clientCredentials', 'authorizationCode'] as const;

export function oauthFlowOf(raw: JsonRecord): OAuthFlowModel {
  const flow: OAuthFlowModel = { scopes: emptyRecord() };
  if (isRecord(raw.scopes)) for (const [scope, text] of Object.entries(raw.scopes)) flow.scopes[scope] = String(text ?? '');
  for (const key of ['authorizationUrl', 'tokenUrl', 'refreshUrl'] as const) {
    const url = stringOrUndefined(raw[key]);
    if (url !== undefined) flow[key] = url;
  }
  return flow;
}

function schemeOf(ctx: BuildContext, raw: JsonRecord, pointer: string, name: string): SecuritySchemeModel | undefined {
  const description = stringOrUndefined(raw.description);
  const withDescription = <T extends SecuritySchemeModel>(model: T): T => (description === undefined ? model : { ...model, description });
  const invalid = (why: string): undefined => {
    ctx.report(SpecDiagnosticCode.invalidSecurityScheme, pointer, `Security scheme "${name}" ${why}; it is skipped.`);
    return undefined;
  };
  switch (raw.type) {
    case 'http': {
      if (typeof raw.scheme !== 'string') return invalid('(http) has no `scheme`');
      const model: SecuritySchemeModel = { type: 'http', scheme: raw.scheme.toLowerCase() };
      if (typeof raw.bearerFormat === 'string') model.bearerFormat = raw.bearerFormat;
      return withDescription(model);
    }
    case 'apiKey': {
      if (raw.in !== 'header' && raw.in !== 'query' && raw.in !== 'cookie') return invalid('(apiKey) needs `in` header, query or cookie');
      if (typeof raw.name !== 'string') return invalid('(apiKey) has no `name`');
      return withDescription({ type: 'apiKey', in: raw.in, name: raw.name });
    }
    case 'oauth2': {
      const flows: Extract<SecuritySchemeModel, { type: 'oauth2' }>['flows'] = {};
      if (isRecord(raw.flows)) for (const flow of FLOW_NAMES) if (isRecord(raw.flows[flow])) flows[flow] = oauthFlowOf(raw.flows[flow]);
      return withDescription({ type: 'oauth2', flows });
    }
    case 'openIdConnect':
      if (typeof raw.openIdConnectUrl !== 'string') return invalid('(openIdConnect) has no `openIdConnectUrl`');
      return withDescription({ type: 'openIdConnect', openIdConnectUrl: raw.openIdConnectUrl });
    case 'mutualTLS':
      return withDescription({ type: 'mutualTLS' });
    default:
      return invalid(`has unknown type ${JSON.stringify(raw.type)}`);
  }
}

export function securitySchemesOf(ctx: BuildContext, components: unknown): Record<string, SecuritySchemeModel> {
  const result: Record<string, SecuritySchemeModel> = emptyRecord();
  if (!isRecord(components) || !isRecord(components.securitySchemes)) return result;
  const schemes = components.securitySchemes;
  for (const name of Object.keys(schemes)) {
    const resolved = ctx.resolveObject(schemes[name], childPointer('#/components/securitySchemes', name), 'security scheme');
    if (!resolved) continue;
    const model = schemeOf(ctx, resolved.value, resolved.pointer, name);
    if (model) result[name] = model;
  }
  return result;
}
