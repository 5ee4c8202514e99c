import type { JsonValue, SpecKind } from '../model/index.js';
import { DiagnosticSink, SpecDiagnosticCode } from './diagnostics.js';
import { parseLocalPointer, resolveLocalPointer } from './json-pointer.js';
import { UNRESOLVED_REF_KEY } from './ref-policy.js';

export type JsonRecord = Record<string, unknown>;

export interface ResolvedObject {
  value: JsonRecord;
  /** Where the value really is (the ref target when it was a `$ref`). */
  pointer: string;
}

/** What every model builder needs: the bundled document, the sink, and a cached one-level ref resolver. */
export class BuildContext {
  private readonly targets = new Map<string, unknown>();

  constructor(
    readonly document: JsonRecord,
    readonly kind: SpecKind,
    readonly sink: DiagnosticSink,
  ) {}

  report(code: string, pointer: string, message: string, fix?: string): void {
    this.sink.report({ code, pointer, message, fix });
  }

  private lookup(ref: string): unknown {
    if (this.targets.has(ref)) return this.targets.get(ref);
    const target = resolveLocalPointer(this.document, ref);
    this.targets.set(ref, target);
    return target;
  }

  /**
   * Resolves `$ref` chains of a non-schema object (parameter, response, path item...) with a cycle
   * guard. Sibling keys of a `$ref` (3.1 `summary`/`description`) override the target's.
   * Reports and returns undefined for anything that is not an object.
   */
  resolveObject(value: unknown, pointer: string, what: string): ResolvedObject | undefined {
    let current = value;
    let currentPointer = pointer;
    let overrides: JsonRecord | undefined;
    const seen = new Set<string>();
    while (isRecord(current) && typeof current.$ref === 'string') {
      const ref = current.$ref;
      if (Object.keys(current).length > 1) {
        const { $ref: _ignored, ...rest } = current;
        overrides = { ...rest, ...overrides };
      }
      if (parseLocalPointer(ref) === undefined) {
        this.report(SpecDiagnosticCode.refUnresolved, currentPointer, `The ${what} $ref "${ref}" is not a local pointer after bundling; it is skipped.`);
        return undefined;
      }
      if (seen.has(ref)) {
        this.report(SpecDiagnosticCode.refCycle, currentPointer, `The ${what} $ref "${ref}" leads back to itself; it is skipped.`, 'Break the $ref cycle.');
        return undefined;
      }
      seen.add(ref);
      const target = this.lookup(ref);
      if (target === undefined) {
        this.report(SpecDiagnosticCode.refUnresolved, currentPointer, `The ${what} $ref "${ref}" points to nothing; it is skipped.`, 'Fix the JSON pointer so it names an existing component.');
        return undefined;
      }
      current = target;
      currentPointer = ref;
    }
    if (!isRecord(current)) {
      this.report(SpecDiagnosticCode.invalidObject, currentPointer, `Expected the ${what} to be an object; it is skipped.`);
      return undefined;
    }
    // Already reported when the ref was refused.
    if (UNRESOLVED_REF_KEY in current) return undefined;
    return { value: overrides ? { ...current, ...overrides } : current, pointer: currentPointer };
  }
}

export function isRecord(value: unknown): value is JsonRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function recordOrEmpty(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

/** `x-` keys of an object, kept as written. */
export function extensionsOf(object: JsonRecord): Record<string, JsonValue> {
  const extensions: Record<string, JsonValue> = {};
  for (const key of Object.keys(object)) if (key.startsWith('x-')) extensions[key] = object[key] as JsonValue;
  return extensions;
}
