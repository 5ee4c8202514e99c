import { BuildContext, isRecord, stringOrUndefined } from './build-context.js';
import { SpecDiagnosticCode } from './diagnostics.js';

export interface ModelHeader {
  specVersion: string;
  sourceFile: string;
}

/** `info.title`, `info.version`, `info.description`; a missing `info` is reported, not fatal. */
export function infoOf(ctx: BuildContext): { title: string; version: string; description?: string } {
  const info = ctx.document.info;
  if (!isRecord(info)) {
    ctx.report(SpecDiagnosticCode.missingInfo, '#/info', 'The spec has no `info` object; title and version are left empty.', 'Add `info: { title, version }`.');
    return { title: '', version: '' };
  }
  const result: { title: string; version: string; description?: string } = {
    title: info.title === undefined ? '' : String(info.title),
    version: info.version === undefined ? '' : String(info.version),
  };
  const description = stringOrUndefined(info.description);
  if (description !== undefined) result.description = description;
  return result;
}

export function reportMissingPaths(ctx: BuildContext): void {
  const { paths, webhooks } = ctx.document;
  if (isRecord(paths)) return;
  // A document of webhooks only is not missing anything (plan/webhooks-only says there is nothing to call).
  if (paths === undefined && ((ctx.kind === 'openapi-3.1' && isRecord(webhooks)) || isRecord(ctx.document['x-webhooks']))) return;
  ctx.report(
    SpecDiagnosticCode.missingPaths,
    '#/paths',
    paths === undefined ? 'The spec has no `paths`: there are no operations to test.' : '`paths` is not an object: there are no operations to test.',
    'Add the API operations under `paths`.',
  );
}
