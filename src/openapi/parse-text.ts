import yaml from 'js-yaml';
import { DEFAULT_SPEC_LIMITS } from './spec-limits.js';

export interface ParseFailure {
  reason: string;
  /** The parser refused the nesting depth (see SpecLimits.maxDepth). */
  tooDeep?: boolean;
  line?: number;
  column?: number;
}

export type ParseResult = { ok: true; value: unknown } | { ok: false; failure: ParseFailure };

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function looksLikeJson(fileName: string, text: string): boolean {
  if (fileName.toLowerCase().endsWith('.json')) return true;
  const first = /\S/.exec(text);
  return first !== null && (first[0] === '{' || first[0] === '[');
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * YAML 1.2 core types plus `<<` merge keys; no timestamps, so `version: 2023-08-16` stays a string
 * and the document stays plain JSON data. The merge type must be implicit (it is recognised by
 * the plain key `<<`, not by a tag): `extend([merge])` would add it as an explicit type, and `<<`
 * would stay an ordinary key.
 */
const SPEC_YAML_SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [(yaml as unknown as { types: { merge: yaml.Type } }).types.merge] });

export interface ParseOptions {
  /** Deepest nesting the YAML parser accepts (js-yaml's own default is 100). */
  maxDepth?: number;
}

function parseYaml(text: string, options: ParseOptions): ParseResult {
  try {
    // js-yaml 4.3 takes `maxDepth`; @types/js-yaml does not list it yet.
    const loadOptions: yaml.LoadOptions & { maxDepth: number } = { schema: SPEC_YAML_SCHEMA, maxDepth: options.maxDepth ?? DEFAULT_SPEC_LIMITS.maxDepth };
    return { ok: true, value: yaml.load(text, loadOptions) };
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const tooDeep = error.reason.startsWith('nesting exceeded maxDepth');
      return { ok: false, failure: { reason: error.reason, line: error.mark.line + 1, column: error.mark.column + 1, ...(tooDeep ? { tooDeep } : {}) } };
    }
    if (error instanceof RangeError) return { ok: false, failure: { reason: `the document is nested too deeply to parse (${error.message})`, tooDeep: true } };
    return { ok: false, failure: { reason: String(error) } };
  }
}

function parseJson(text: string, options: ParseOptions): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // YAML is a JSON superset with positions in its errors; it also accepts JSON with small slips.
    const viaYaml = parseYaml(text, options);
    if (viaYaml.ok) return viaYaml;
    const position = /position (\d+)/.exec(message);
    if (position) return { ok: false, failure: { reason: message, ...lineAndColumn(text, Number(position[1])) } };
    return viaYaml;
  }
}

/** Parses JSON or YAML text (a leading BOM is accepted); never throws. */
export function parseSpecText(fileName: string, rawText: string, options: ParseOptions = {}): ParseResult {
  const text = stripBom(rawText);
  return looksLikeJson(fileName, text) ? parseJson(text, options) : parseYaml(text, options);
}
