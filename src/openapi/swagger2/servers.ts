import type { ServerModel } from '../../model/index.js';
import { BuildContext } from '../build-context.js';
import { SpecDiagnosticCode } from '../diagnostics.js';

/**
 * `host` + `basePath` + `schemes` → one server per scheme. Without a host the base path alone is a
 * relative server URL; without schemes https is assumed (and reported).
 */
export function serversOf(ctx: BuildContext, schemes: unknown, pointer: string): ServerModel[] {
  const { host, basePath } = ctx.document;
  const base = typeof basePath === 'string' && basePath !== '/' ? basePath.replace(/\/+$/, '') : '';
  if (typeof host !== 'string' || host === '') return base === '' ? [] : [{ url: base, variables: {} }];
  let schemeList = Array.isArray(schemes) ? schemes.filter((scheme): scheme is string => typeof scheme === 'string') : [];
  if (schemeList.length === 0) {
    if (pointer === '#/schemes') {
      ctx.report(SpecDiagnosticCode.serverSchemeAssumed, '#/schemes', 'The spec has a `host` but no `schemes`; https is assumed.', 'Add `schemes: [https]` (or http) to the spec.');
    }
    schemeList = ['https'];
  }
  return schemeList.map((scheme) => ({ url: `${scheme.toLowerCase()}://${host}${base}`, variables: {} }));
}
