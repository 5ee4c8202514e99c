import type { SecurityRequirement } from '../model/index.js';
import { BuildContext, isRecord } from './build-context.js';
import { SpecDiagnosticCode } from './diagnostics.js';
import { emptyRecord } from './own-keys.js';

/** A `security` array as written, or undefined when absent; malformed entries are reported and dropped. */
export function parseSecurityRequirements(ctx: BuildContext, value: unknown, pointer: string): SecurityRequirement[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    ctx.report(SpecDiagnosticCode.invalidSecurityRequirement, pointer, '`security` must be an array of requirement objects; it is ignored.');
    return undefined;
  }
  const requirements: SecurityRequirement[] = [];
  value.forEach((entry, index) => {
    if (!isRecord(entry)) {
      ctx.report(SpecDiagnosticCode.invalidSecurityRequirement, `${pointer}/${index}`, 'A security requirement must be an object of scheme name → scopes; it is ignored.');
      return;
    }
    const requirement: SecurityRequirement = emptyRecord();
    for (const [scheme, scopes] of Object.entries(entry)) {
      requirement[scheme] = Array.isArray(scopes) ? scopes.map(String) : [];
    }
    requirements.push(requirement);
  });
  return requirements;
}
