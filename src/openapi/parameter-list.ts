import { BuildContext, type ResolvedObject } from './build-context.js';
import { SpecDiagnosticCode } from './diagnostics.js';

/** Resolves each entry of a `parameters` array (one-level `$ref`s). */
export function resolveParameterList(ctx: BuildContext, list: unknown, pointer: string): ResolvedObject[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    ctx.report(SpecDiagnosticCode.invalidObject, pointer, '`parameters` must be an array; it is ignored.');
    return [];
  }
  const resolved: ResolvedObject[] = [];
  list.forEach((entry, index) => {
    const parameter = ctx.resolveObject(entry, `${pointer}/${index}`, 'parameter');
    if (parameter) resolved.push(parameter);
  });
  return resolved;
}

function keyOf(parameter: ResolvedObject): string | undefined {
  const { name, in: location } = parameter.value;
  return typeof name === 'string' && typeof location === 'string' ? `${location}\u0000${name}` : undefined;
}

/** Path-item parameters first (minus those the operation redefines), then the operation's: the operation wins on name+in. */
export function mergeParameterLists(pathLevel: ResolvedObject[], operationLevel: ResolvedObject[]): ResolvedObject[] {
  const overridden = new Set(operationLevel.map(keyOf).filter((key) => key !== undefined));
  return [...pathLevel.filter((parameter) => !overridden.has(keyOf(parameter) ?? '')), ...operationLevel];
}
