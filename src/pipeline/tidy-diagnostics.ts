import type { Diagnostic } from '../model/index.js';
import { parseLocalPointer, pointerOf } from '../openapi/json-pointer.js';

const MAX_VISITS = 2000;

type Located = { pointer: string[]; node: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Where `tokens` really are in `document`, when the path was built through a schema view the
 * file does not have: a property merged from an `allOf` branch (`Merged/properties/n` is
 * `Base/properties/n`), or a step through a local `$ref`. Undefined when no such place exists.
 */
function locate(document: Record<string, unknown>, at: Located, tokens: string[], budget: { visits: number }): Located | undefined {
  if (budget.visits++ > MAX_VISITS) return undefined;
  if (tokens.length === 0) return at;
  const { node } = at;
  if (!isRecord(node)) return undefined;
  const [token, ...rest] = tokens;
  if (Object.prototype.hasOwnProperty.call(node, token)) {
    const found = locate(document, { pointer: [...at.pointer, token], node: node[token] }, rest, budget);
    if (found !== undefined) return found;
  }
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    const target = parseLocalPointer(node.$ref);
    const resolved = target === undefined ? undefined : resolve(document, target);
    if (target !== undefined && resolved !== undefined) {
      const found = locate(document, { pointer: target, node: resolved }, tokens, budget);
      if (found !== undefined) return found;
    }
  }
  if (Array.isArray(node.allOf)) {
    for (const [index, branch] of node.allOf.entries()) {
      const found = locate(document, { pointer: [...at.pointer, 'allOf', String(index)], node: branch }, tokens, budget);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function resolve(document: Record<string, unknown>, tokens: string[]): unknown {
  let node: unknown = document;
  for (const token of tokens) {
    if (!isRecord(node) || !Object.prototype.hasOwnProperty.call(node, token)) return undefined;
    node = node[token];
  }
  return node;
}

/** The pointer of the nearest ancestor of `tokens` that exists in `document`. */
function nearestExisting(document: Record<string, unknown>, tokens: string[]): string[] {
  let node: unknown = document;
  const out: string[] = [];
  for (const token of tokens) {
    if (!isRecord(node) || !Object.prototype.hasOwnProperty.call(node, token)) break;
    node = node[token];
    out.push(token);
  }
  return out;
}

/** A location that exists in the file: through allOf branches and local $refs, else the nearest ancestor. */
export function realPointer(document: Record<string, unknown>, pointer: string): string {
  const tokens = parseLocalPointer(pointer);
  if (tokens === undefined) return pointer;
  // A missing last key whose owner exists names a key to add (`#/schemes`): a real place.
  if (tokens.length === 0 || resolve(document, tokens.slice(0, -1)) !== undefined) return pointer;
  const found = locate(document, { pointer: [], node: document }, tokens, { visits: 0 });
  return pointerOf(found?.pointer ?? nearestExisting(document, tokens));
}

/**
 * The diagnostics a user reads: each pointer of the root document made a real location in it
 * (a message that quotes the old pointer quotes the new one), and each identical row once —
 * a shared component's problem is found once per operation that uses it.
 */
export function tidyDiagnostics(diagnostics: readonly Diagnostic[], document: Record<string, unknown>, rootFile: string | undefined): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    let tidy = diagnostic;
    const ownFile = diagnostic.file === undefined || rootFile === undefined || diagnostic.file === rootFile;
    if (ownFile && diagnostic.pointer !== undefined) {
      const pointer = realPointer(document, diagnostic.pointer);
      if (pointer !== diagnostic.pointer) tidy = { ...diagnostic, pointer, message: diagnostic.message.split(diagnostic.pointer).join(pointer) };
    }
    const key = [tidy.code, tidy.severity, tidy.file ?? '', tidy.pointer ?? '', tidy.message].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tidy);
  }
  return out;
}
