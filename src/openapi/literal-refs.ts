import { DiagnosticSink, SpecDiagnosticCode } from './diagnostics.js';
import { firstRefInside, type LiteralWithRef } from './ref-scan.js';

/** Keys whose value is a list (or a name → value map) of separate values: only the members with a `$ref` go. */
const COLLECTION_KEYS = new Set(['enum', 'examples', 'x-examples']);

const WHAT: Record<string, string> = {
  example: 'the example',
  'x-example': 'the example (x-example)',
  value: 'the example value',
  default: 'the default value',
  const: 'the const value',
  enum: 'the enum',
  examples: 'the examples',
  'x-examples': 'the examples (x-examples)',
};

function withoutRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((member) => firstRefInside(member) === undefined);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, member]) => firstRefInside(member) === undefined));
  }
  return undefined;
}

function sizeOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return value !== null && typeof value === 'object' ? Object.keys(value).length : 0;
}

/**
 * Example, default, enum and const values are data (OpenAPI: a `$ref` inside an example is a
 * literal). The bundler follows every `$ref` it sees, so a `$ref` left in such a value would copy
 * any file of the spec's folder (`.env`, `creds.json`) into the requests. Each such value is
 * therefore dropped before the bundler runs, and reported:
 * - a single value (`example`, an Example Object's `value`, `default`, `const`, `x-example`) is
 *   removed, so the request takes the next example or a value synthesized from the schema (for
 *   `const`, from the rest of the schema: its real value is unknown);
 * - a list or map of values (`enum`, `examples`, `x-examples`) keeps its other members; when none
 *   is left the keyword is removed (an empty enum admits no value at all, which the author did not mean).
 * Using the `$ref` text itself as the value (its literal reading) would send `{"$ref": ...}`, which
 * no server expects. The value holding the literal is never mutated (a YAML alias may share it).
 */
export function dropLiteralRefs(input: {
  literals: readonly LiteralWithRef[];
  /** The file the literals are in (the diagnostics' `file`). */
  file: string;
  /** How messages name the file before a pointer: empty for the root spec, else its path relative to the spec folder. */
  location: string;
  report: DiagnosticSink;
}): void {
  for (const literal of input.literals) {
    const { holder, key, pointer, ref } = literal;
    if (firstRefInside(holder[key]) === undefined) continue; // already handled through a shared node
    const what = WHAT[key] ?? `the value of \`${key}\``;
    let outcome: string;
    if (COLLECTION_KEYS.has(key)) {
      const kept = withoutRefs(holder[key]);
      const dropped = sizeOf(holder[key]) - sizeOf(kept);
      if (kept === undefined || sizeOf(kept) === 0) {
        delete holder[key];
        outcome = `\`${key}\` is removed (every member held a $ref), so the value is synthesized from the rest of the schema`;
      } else {
        holder[key] = kept;
        outcome = `${dropped} member${dropped === 1 ? '' : 's'} holding a $ref ${dropped === 1 ? 'is' : 'are'} left out of \`${key}\`; the others are kept`;
      }
    } else {
      delete holder[key];
      outcome =
        key === 'const'
          ? 'the const is not used, so the value is synthesized from the rest of the schema'
          : 'this value is not used: requests take the next example, or a value synthesized from the schema';
    }
    input.report.report({
      code: SpecDiagnosticCode.refInLiteral,
      severity: literal.inExtension ? 'info' : 'warning',
      file: input.file,
      pointer,
      message: `A $ref ("${ref}") is inside ${what} at ${input.location}${pointer}. Example, default, enum and const values are data: perfplan does not follow a $ref inside them (it would copy that file into the requests), so ${outcome}.`,
      fix: 'Write the value inline in the spec instead of as a $ref.',
    });
  }
}
