import type { ApiModel, OperationModel } from '../model/index.js';

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const ch = glob[index];
    if (ch === '*') {
      if (glob[index + 1] === '*') {
        source += '.*';
        index++;
      } else source += '[^/]*';
    } else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * One filter: an operationId, `tag:NAME`, or `METHOD /path/glob` (METHOD may be `*`;
 * `*` matches within a segment, `**` across segments).
 */
export function matchesFilter(operation: OperationModel, filter: string): boolean {
  const trimmed = filter.trim();
  if (trimmed.startsWith('tag:')) return operation.tags.includes(trimmed.slice(4));
  const route = /^([A-Za-z*]+)\s+(\/.*)$/.exec(trimmed);
  if (route) {
    const method = route[1].toLowerCase();
    return (method === '*' || method === operation.method) && globToRegExp(route[2]).test(operation.path);
  }
  if (trimmed.startsWith('/')) return globToRegExp(trimmed).test(operation.path);
  return operation.id === trimmed;
}

/** Operation ids that pass `include` (all when empty) and not `exclude`. */
export function selectOperations(model: ApiModel, include: readonly string[], exclude: readonly string[]): Set<string> {
  const selected = new Set<string>();
  for (const operation of model.operations) {
    if (include.length > 0 && !include.some((filter) => matchesFilter(operation, filter))) continue;
    if (exclude.some((filter) => matchesFilter(operation, filter))) continue;
    selected.add(operation.id);
  }
  return selected;
}
