import yaml from 'js-yaml';

export interface ParseFailure {
  reason: string;
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
 * and the document stays plain JSON data.
 */
const SPEC_YAML_SCHEMA = yaml.CORE_SCHEMA.extend([(yaml as unknown as { types: { merge: yaml.Type } }).types.merge]);

function parseYaml(text: string): ParseResult {
  try {
    return { ok: true, value: yaml.load(text, { schema: SPEC_YAML_SCHEMA }) };
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      return { ok: false, failure: { reason: error.reason, line: error.mark.line + 1, column: error.mark.column + 1 } };
    }
    return { ok: false, failure: { reason: String(error) } };
  }
}

function parseJson(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // YAML is a JSON superset with positions in its errors; it also accepts JSON with small slips.
    const viaYaml = parseYaml(text);
    if (viaYaml.ok) return viaYaml;
    const position = /position (\d+)/.exec(message);
    if (position) return { ok: false, failure: { reason: message, ...lineAndColumn(text, Number(position[1])) } };
    return viaYaml;
  }
}

/** Parses JSON or YAML text (a leading BOM is accepted); never throws. */
export function parseSpecText(fileName: string, rawText: string): ParseResult {
  const text = stripBom(rawText);
  return looksLikeJson(fileName, text) ? parseJson(text) : parseYaml(text);
}
