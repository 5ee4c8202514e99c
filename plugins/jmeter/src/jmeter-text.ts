/**
 * Element values as JMeter's function parser reads them. Every string property of a test
 * element goes through JMeter's CompoundVariable at test start: `${name}` and `${__fn(...)}`
 * are evaluated, and `\` escapes `$`, `,` and `\` — but only when the value holds at least one
 * real function or variable; a value without one is used raw, backslashes and all.
 *
 * So a value made only of spec text without `${` is written verbatim. Otherwise (it holds one of
 * our own references, or spec text with `${`), spec text is written with every `\` doubled and
 * every `${` written as `${__char(36)}{` (the core __char function gives back a literal `$`):
 * JMeter then evaluates nothing from the spec and gives back the text unchanged.
 */

/** A piece of a value: literal text (from the spec) or a JMeter expression we wrote ourselves. */
export type Piece = { text: string } | { ref: string };

export function text(value: string): Piece {
  return { text: value };
}

export function ref(expression: string): Piece {
  return { ref: expression };
}

/** `${name}`: a JMeter variable reference. */
export function variable(name: string): Piece {
  return { ref: `\${${name}}` };
}

/** Literal text with its escapes for a value JMeter parses as functions. */
function escapeForFunctions(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\$\{/g, '${__char(36)}{');
}

/** Adjacent literal pieces merged, so that `$` + `{` across pieces is seen. */
function merged(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if ('text' in piece && last !== undefined && 'text' in last) out[out.length - 1] = { text: last.text + piece.text };
    else out.push(piece);
  }
  return out;
}

/** The property value to write (before XML escaping) so that JMeter evaluates it to the pieces. */
export function jmeterValue(pieces: readonly Piece[] | string): string {
  const list = merged(typeof pieces === 'string' ? [text(pieces)] : pieces);
  const functional = list.some((piece) => 'ref' in piece || piece.text.includes('${'));
  if (!functional) return list.map((piece) => ('text' in piece ? piece.text : '')).join('');
  return list
    // A literal `$` right before our own `${...}` reads as `$${`: JMeter starts the function at the second `$`.
    .map((piece) => ('ref' in piece ? piece.ref : escapeForFunctions(piece.text)))
    .join('');
}

/**
 * Literal text as a function argument (inside `${__fn(...)}`). Arguments are always evaluated,
 * `,` separates them and parentheses delimit them, so every character JMeter's function parser
 * treats specially (`$ , \ ( )`) is written as a nested `${__char(N)}` call, which gives the
 * character back: nothing from the text can end the argument or start a function.
 */
export function functionArgument(value: string): string {
  return value.replace(/[$,\\()]/g, (ch) => `\${__char(${ch.charCodeAt(0)})}`);
}

/** Pieces as one function argument: our own references stay live, literal text is neutralised. */
export function functionArgumentOf(pieces: readonly Piece[]): string {
  return pieces.map((piece) => ('ref' in piece ? piece.ref : functionArgument(piece.text))).join('');
}

/** `${__P(name,default)}`: a JMeter property (`-Jname=value`) with a default. */
export function property(name: string, fallback: string | number): string {
  return `\${__P(${functionArgument(name)},${typeof fallback === 'number' ? String(fallback) : fallback})}`;
}
