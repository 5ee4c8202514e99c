import type { ServerModel } from '../../model/index.js';
import { BuildContext } from '../build-context.js';
import { SpecDiagnosticCode } from '../diagnostics.js';
import { serverUrlProblem } from '../server-url-problem.js';

/**
 * `host` + `basePath` + `schemes` → one server per scheme. Without a host the base path alone is a
 * relative server URL; without schemes https is assumed (and reported).
 */
export function serversOf(ctx: BuildContext, schemes: unknown, pointer: string): ServerModel[] {
  const { host, basePath } = ctx.document;
  const base = typeof basePath === 'string' && basePath !== '/' ? basePath.replace(/\/+$/, '') : '';
  for (const [key, text] of [['host', host], ['basePath', basePath]] as const) {
    const problem = typeof text === 'string' ? serverUrlProblem(text) : undefined;
    if (problem === undefined) continue;
    // Reported once, for the document's own servers; operations with their own schemes reuse host and basePath.
    if (pointer === '#/schemes') {
      ctx.report(SpecDiagnosticCode.invalidServer, `#/${key}`, `\`${key}\` ${JSON.stringify(text)} cannot be part of a base URL: ${problem}. The spec's server is skipped; set BASE_URL to the system under test.`);
    }
    return [];
  }
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
