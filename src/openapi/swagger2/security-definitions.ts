import type { SecuritySchemeModel } from '../../model/index.js';
import { BuildContext, isRecord, stringOrUndefined } from '../build-context.js';
import { SpecDiagnosticCode } from '../diagnostics.js';
import { childPointer } from '../json-pointer.js';
import { emptyRecord, hasOwn } from '../own-keys.js';
import { oauthFlowOf } from '../oas3/security-schemes.js';

const FLOW_OF_SWAGGER2 = {
  implicit: 'implicit',
  password: 'password',
  application: 'clientCredentials',
  accessCode: 'authorizationCode',
} as const;

/** `securityDefinitions` → OpenAPI 3 style security schemes (basic → http basic, oauth2 flows renamed). */
export function securitySchemesOf(ctx: BuildContext): Record<string, SecuritySchemeModel> {
  const result: Record<string, SecuritySchemeModel> = emptyRecord();
  const definitions = ctx.document.securityDefinitions;
  if (!isRecord(definitions)) return result;
  for (const [name, raw] of Object.entries(definitions)) {
    const pointer = childPointer('#/securityDefinitions', name);
    if (!isRecord(raw)) {
      ctx.report(SpecDiagnosticCode.invalidSecurityScheme, pointer, `Security definition "${name}" is not an object; it is skipped.`);
      continue;
    }
    const description = stringOrUndefined(raw.description);
    let model: SecuritySchemeModel | undefined;
    if (raw.type === 'basic') model = { type: 'http', scheme: 'basic' };
    else if (raw.type === 'apiKey' && (raw.in === 'header' || raw.in === 'query') && typeof raw.name === 'string') model = { type: 'apiKey', in: raw.in, name: raw.name };
    else if (raw.type === 'oauth2' && typeof raw.flow === 'string' && hasOwn(FLOW_OF_SWAGGER2, raw.flow)) {
      model = { type: 'oauth2', flows: { [FLOW_OF_SWAGGER2[raw.flow as keyof typeof FLOW_OF_SWAGGER2]]: oauthFlowOf(raw) } };
    }
    if (!model) {
      ctx.report(SpecDiagnosticCode.invalidSecurityScheme, pointer, `Security definition "${name}" (type ${JSON.stringify(raw.type)}) is incomplete or unknown; it is skipped.`);
      continue;
    }
    result[name] = description === undefined ? model : { ...model, description };
  }
  return result;
}
