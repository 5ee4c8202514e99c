import { ExitCode, PerfplanError } from '../errors/index.js';

/**
 * Bounds on what a spec may cost to load, so a hostile or broken file is refused with a
 * clear message instead of exhausting memory, time or the call stack:
 * - `maxBytes`: a file larger than this is not read at all (checked with stat first);
 * - `maxDepth`: objects and arrays nested deeper than this are refused (every later walk
 *   of the document is recursive);
 * - `maxAliasExpansion`: YAML aliases (`*name`) share nodes; a document whose aliases would
 *   multiply it by more than this many nodes once walked is an alias bomb ("billion laughs")
 *   and is refused. A recursive alias (a node that contains itself) is always refused.
 * Each can be raised with an environment variable (see SPEC_LIMIT_ENV) or a loadSpec option.
 */
export interface SpecLimits {
  maxBytes: number;
  maxDepth: number;
  maxAliasExpansion: number;
}

export const DEFAULT_SPEC_LIMITS: SpecLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxDepth: 1000,
  maxAliasExpansion: 1_000_000,
};

/** The environment variables that raise (or lower) each limit. */
export const SPEC_LIMIT_ENV: Record<keyof SpecLimits, string> = {
  maxBytes: 'PERFPLAN_MAX_SPEC_BYTES',
  maxDepth: 'PERFPLAN_MAX_SPEC_DEPTH',
  maxAliasExpansion: 'PERFPLAN_MAX_ALIAS_EXPANSION',
};

/** Defaults, then the environment, then explicit options (a non-positive or non-numeric value is ignored). */
export function resolveSpecLimits(options: Partial<SpecLimits> = {}, env: NodeJS.ProcessEnv = process.env): SpecLimits {
  const limits = { ...DEFAULT_SPEC_LIMITS };
  for (const key of Object.keys(limits) as Array<keyof SpecLimits>) {
    const fromEnv = Number(env[SPEC_LIMIT_ENV[key]]);
    if (Number.isFinite(fromEnv) && fromEnv > 0) limits[key] = fromEnv;
    const fromOptions = options[key];
    if (typeof fromOptions === 'number' && Number.isFinite(fromOptions) && fromOptions > 0) limits[key] = fromOptions;
  }
  return limits;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`;
}

function raiseHint(key: keyof SpecLimits, suggested: number): string {
  return `If you trust this file, raise the limit: ${SPEC_LIMIT_ENV[key]}=${suggested} perfplan ...`;
}

/** Refuses a file above `maxBytes` before it is read. */
export function assertSpecSize(input: { file: string; bytes: number; limits: SpecLimits }): void {
  const { file, bytes, limits } = input;
  if (bytes <= limits.maxBytes) return;
  throw new PerfplanError(
    'spec/too-large',
    `Spec file ${file} is ${formatBytes(bytes)}, more than the limit of ${formatBytes(limits.maxBytes)} (${limits.maxBytes} bytes); it was not read.`,
    { file, exitCode: ExitCode.failed, fix: `Split the spec into files joined by $ref, or remove unused parts. ${raiseHint('maxBytes', Math.ceil(bytes * 1.1))}` },
  );
}

/**
 * Walks a parsed document once, iteratively (no recursion, so any depth is safe to check),
 * visiting each distinct object once: refuses nesting deeper than `maxDepth`, a node that
 * contains itself, and shared nodes (YAML aliases) that would expand the document by more than
 * `maxAliasExpansion` nodes. Cost: linear in the number of distinct nodes.
 */
export function assertDocumentShape(input: { file: string; document: unknown; limits: SpecLimits }): void {
  const { file, document, limits } = input;
  if (document === null || typeof document !== 'object') return;
  // Expanded size (nodes below, scalars included, counted once per path) and height of each finished node.
  const finished = new Map<object, { size: number; height: number }>();
  const onPath = new Set<object>();
  type Frame = { node: object; keys: string[] | undefined; children: unknown[]; next: number; size: number; height: number; key: string };
  const frameOf = (node: object, key: string): Frame => {
    const keys = Array.isArray(node) ? undefined : Object.keys(node);
    const children = keys === undefined ? (node as unknown[]) : keys.map((name) => (node as Record<string, unknown>)[name]);
    return { node, keys, children, next: 0, size: 1, height: 1, key };
  };
  const stack: Frame[] = [frameOf(document, '')];
  onPath.add(document);
  let distinct = 1;
  const keyOf = (frame: Frame, index: number): string => frame.keys?.[index] ?? String(index);
  const pointer = (): string => stack.map((frame) => frame.key.replace(/~/g, '~0').replace(/\//g, '~1')).join('/') || '/';

  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.children.length) {
      stack.pop();
      onPath.delete(frame.node);
      finished.set(frame.node, { size: frame.size, height: frame.height });
      const parent = stack[stack.length - 1];
      if (parent !== undefined) {
        parent.size += frame.size;
        parent.height = Math.max(parent.height, frame.height + 1);
      }
      continue;
    }
    const index = frame.next++;
    const child = frame.children[index];
    if (child === null || typeof child !== 'object') {
      frame.size++;
      distinct++;
      continue;
    }
    if (onPath.has(child)) {
      const at = `${stack.length > 1 ? pointer() : ''}/${keyOf(frame, index)}`;
      throw new PerfplanError('spec/recursive-alias', `Spec ${file} contains itself at ${at}: a YAML alias refers to a node that encloses it, so the document is infinite.`, {
        file,
        pointer: at,
        exitCode: ExitCode.failed,
        fix: 'Replace the recursive alias with a $ref (OpenAPI resolves recursive schemas through $ref).',
      });
    }
    const done = finished.get(child);
    if (done !== undefined) {
      // A shared node (an alias): its whole expansion counts again.
      frame.size += done.size;
      frame.height = Math.max(frame.height, done.height + 1);
      if (stack.length + done.height > limits.maxDepth) throw tooDeep(file, limits, pointer());
      continue;
    }
    if (stack.length >= limits.maxDepth) {
      throw tooDeep(file, limits, pointer());
    }
    distinct++;
    onPath.add(child);
    stack.push(frameOf(child, keyOf(frame, index)));
  }

  const expanded = finished.get(document)?.size ?? distinct;
  if (expanded - distinct > limits.maxAliasExpansion) {
    throw new PerfplanError(
      'spec/alias-bomb',
      `Spec ${file} uses YAML aliases that expand its ${distinct} nodes to ${expanded} nodes, more than the ${limits.maxAliasExpansion} extra nodes allowed; it was not loaded (an "alias bomb").`,
      { file, exitCode: ExitCode.failed, fix: `Use $ref instead of deeply nested YAML aliases. ${raiseHint('maxAliasExpansion', Math.ceil((expanded - distinct) * 1.1))}` },
    );
  }
}

/** The error for nesting beyond `maxDepth`, from the YAML parser or the document walk. */
export function tooDeep(file: string, limits: SpecLimits, where?: string): PerfplanError {
  return new PerfplanError('spec/too-deep', `Spec ${file} nests objects and arrays more than ${limits.maxDepth} levels deep${where === undefined ? '' : ` (at ${where})`}; it was not loaded.`, {
    file,
    pointer: where?.startsWith('/') ? where : undefined,
    exitCode: ExitCode.failed,
    fix: `Real OpenAPI documents nest a few dozen levels; check the file was generated correctly. ${raiseHint('maxDepth', limits.maxDepth * 2)}`,
  });
}
