import { RE2JS } from 're2js';

/**
 * A spec's regular expression (`pattern`, `patternProperties`), run in linear time.
 *
 * Patterns come from untrusted specs, and JavaScript's backtracking engine takes exponential
 * time on some of them (`^(a|aa){70}$` against 40 characters runs for minutes). RE2 (re2js,
 * a pure-JavaScript port) matches in time linear in the input, and accepts the ECMA-262 syntax
 * JSON Schema patterns use once translated, lookbehind included. Lookahead and backreferences
 * have no linear-time algorithm: such a pattern is `unchecked` (its test accepts every string)
 * and the caller says so instead of running it.
 */
export interface SpecPattern {
  /** Whether the pattern matches somewhere in `text` (RegExp.prototype.test semantics). */
  test(text: string): boolean;
  /** Why the pattern is not run, when it is not: values are then not checked against it. */
  unchecked?: string;
}

export type CompiledPattern = SpecPattern | { invalid: string };

const CACHE_LIMIT = 2048;
const cache = new Map<string, CompiledPattern>();

const UNCHECKED_REASON = 'it uses lookahead or a backreference, which no linear-time engine can run, so values are not checked against it';

/** The linear-time matcher of a JSON Schema pattern, or why it is not a valid pattern. */
export function compileSpecPattern(source: string): CompiledPattern {
  const known = cache.get(source);
  if (known !== undefined) return known;
  const compiled = compile(source);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(source, compiled);
  return compiled;
}

function compile(source: string): CompiledPattern {
  const native = nativeProblem(source);
  if (native !== undefined) return { invalid: native };
  try {
    const re2 = RE2JS.compile(RE2JS.translateRegExp(source), RE2JS.LOOKBEHINDS);
    return { test: (text) => re2.test(text) };
  } catch {
    // Valid ECMA-262 that RE2 refuses: lookahead, backreferences and the like.
    return { test: () => true, unchecked: UNCHECKED_REASON };
  }
}

/** JSON Schema patterns are ECMA-262 with Unicode semantics, as ajv compiles them; without `u` as a fallback. */
function nativeProblem(source: string): string | undefined {
  try {
    new RegExp(source, 'u');
    return undefined;
  } catch {
    try {
      new RegExp(source);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }
}

/** A matcher for ajv's `code.regExp` option: every `pattern` and `patternProperties` ajv runs is linear-time. */
export const ajvRegExpEngine = Object.assign(
  (source: string, flags: string): { test(text: string): boolean; toString(): string } => {
    const compiled = compileSpecPattern(source);
    if ('invalid' in compiled) throw new SyntaxError(`Invalid regular expression: /${source}/: ${compiled.invalid}`);
    // ajv shares compiled patterns between schemas by this text: it must name the pattern.
    return { test: (text) => compiled.test(text), toString: () => `/${source}/${flags}` };
  },
  { code: 'perfplanSpecPattern' },
);
