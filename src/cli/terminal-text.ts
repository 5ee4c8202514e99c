// Text the CLI prints carries spec and result-file strings. A terminal acts on control
// characters (ESC sequences set the window title, erase or conceal lines; a CR overwrites
// one), and a CI runner acts on workflow commands in its log: GitHub Actions on a line that
// starts with `::` once leading whitespace is trimmed, and on the legacy `##[` anywhere in a
// line (actions/runner ActionCommand.TryParseV2 / TryParse). The runner's .NET string
// comparisons may skip default-ignorable characters, so those must not hide a command either.

/** Control characters but tab and newline, format characters (zero-width, bidi overrides), line/paragraph separators. */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
/** Characters a culture-aware comparison may skip, left after UNSAFE is escaped. */
const IGNORABLE = '[\\p{Default_Ignorable_Code_Point}]*';
const COMMAND_START = new RegExp(`^([\\s\\p{Default_Ignorable_Code_Point}]*):`, 'u');
const LEGACY_COMMAND = new RegExp(`#(${IGNORABLE})#(${IGNORABLE}\\[)`, 'gu');

function hex(codePoint: number, width: number): string {
  return codePoint.toString(16).padStart(width, '0');
}

/** `\x1b`, `\u202e`, `\u{e0001}`: a visible, unambiguous stand-in for a character. */
function escapeForText(ch: string): string {
  const codePoint = ch.codePointAt(0)!;
  if (codePoint <= 0xff) return `\\x${hex(codePoint, 2)}`;
  return codePoint <= 0xffff ? `\\u${hex(codePoint, 4)}` : `\\u{${hex(codePoint, 1)}}`;
}

/** `\u001b`, `\ud83d\udc4d`: the same character as a JSON escape (a value inside a JSON string). */
function escapeForJson(ch: string): string {
  return [...Array(ch.length).keys()].map((index) => `\\u${hex(ch.charCodeAt(index), 4)}`).join('');
}

function neutraliseLine(line: string): string {
  return line.replace(COMMAND_START, '$1\\x3a').replace(LEGACY_COMMAND, '#$1\\x23$2');
}

/**
 * Text safe to print to a terminal or a CI log: unsafe characters (tab and newline kept) shown
 * as `\xNN` / `\uNNNN` escapes, and on every line a leading `:` and any `##[` escaped the same
 * way, so no line is a workflow command.
 */
export function terminalText(text: string): string {
  const visible = text.replace(UNSAFE, (ch) => (ch === '\t' || ch === '\n' ? ch : escapeForText(ch)));
  return visible.split('\n').map(neutraliseLine).join('\n');
}

/**
 * `JSON.stringify(value, null, 2)` with the same characters written as JSON escapes, so the
 * value parses back unchanged: DEL, C1, format and separator characters (JSON.stringify leaves
 * them raw), and `#` before `#[`. No line of it starts with `:` (each starts with a quote,
 * bracket, brace, digit or literal), and `#` only occurs inside strings, where `\u0023` is `#`.
 */
export function terminalJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2) ?? 'null';
  return json.replace(UNSAFE, (ch) => (ch === '\n' ? ch : escapeForJson(ch))).replace(new RegExp(`#(?=${IGNORABLE}#${IGNORABLE}\\[)`, 'gu'), '\\u0023');
}
