import type { ServerModel, ServerVariableModel } from '../../model/index.js';
import { BuildContext, isRecord, stringOrUndefined } from '../build-context.js';
import { SpecDiagnosticCode } from '../diagnostics.js';
import { emptyRecord } from '../own-keys.js';
import { serverUrlProblem } from '../server-url-problem.js';

/** A `servers` array; an absent or empty one gives []. Relative URLs are kept as written. */
export function serversOf(ctx: BuildContext, value: unknown, pointer: string): ServerModel[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    ctx.report(SpecDiagnosticCode.invalidServer, pointer, '`servers` must be an array; it is ignored.');
    return [];
  }
  const servers: ServerModel[] = [];
  value.forEach((raw, index) => {
    if (!isRecord(raw) || typeof raw.url !== 'string') {
      ctx.report(SpecDiagnosticCode.invalidServer, `${pointer}/${index}`, 'A server needs a string `url`; it is skipped.');
      return;
    }
    const variables: Record<string, ServerVariableModel> = emptyRecord();
    if (isRecord(raw.variables)) {
      for (const [name, variable] of Object.entries(raw.variables)) {
        if (!isRecord(variable) || variable.default === undefined) {
          ctx.report(SpecDiagnosticCode.invalidServer, `${pointer}/${index}/variables/${name}`, `Server variable "${name}" has no \`default\`; it is skipped.`);
          continue;
        }
        const model: ServerVariableModel = { default: String(variable.default) };
        if (Array.isArray(variable.enum)) model.enum = variable.enum.map(String);
        const description = stringOrUndefined(variable.description);
        if (description !== undefined) model.description = description;
        variables[name] = model;
      }
    }
    const problem = serverUrlProblem(raw.url, variables);
    if (problem !== undefined) {
      ctx.report(SpecDiagnosticCode.invalidServer, `${pointer}/${index}/url`, `Server URL ${JSON.stringify(raw.url)} cannot be a base URL: ${problem}. It is skipped; set BASE_URL to the system under test.`);
      return;
    }
    const server: ServerModel = { url: raw.url, variables };
    const description = stringOrUndefined(raw.description);
    if (description !== undefined) server.description = description;
    servers.push(server);
  });
  return servers;
}
