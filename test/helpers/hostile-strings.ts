/**
 * Strings a hostile (or just unlucky) spec can carry, for the injection tests. Each one tries to
 * end the string, comment, template or element a renderer puts spec text into, and then run
 * `CODE`. The static suite fills CODE with a call to INJECTION_MARKER: a generated file whose
 * syntax tree holds that identifier, or an XML element of that name, was injected into. The
 * engine smoke fills it with code that creates a canary file.
 */

/** An identifier no renderer writes on its own: seeing it as code (not inside a string) means injection. */
export const INJECTION_MARKER = 'PERFPLAN_PWNED';

/** Break-outs of every quoting and templating style the renderers use; CODE is replaced. */
const BREAKOUT_TEMPLATES = [
  '"; CODE; "',
  '\'; CODE; \'',
  '"+CODE+"',
  '\'+CODE+\'',
  '`+CODE+`',
  '${CODE}',
  '`${CODE}`',
  '"""\nCODE\n"""',
  "'''\nCODE\n'''",
  '\\"); CODE; ("',
  '\\\'); CODE; (\'',
  '*/ CODE /*',
  '\n CODE \n',
  '\r\nCODE\r\n',
  '\u2028CODE\u2029',
  '// \nCODE',
  '# \nCODE',
  '{CODE}',
  '{{CODE}}',
  '{{ CODE }}',
  '<%= CODE %>',
  '<% CODE %>',
  '<%- CODE %>',
  '%(CODE)s',
  '%s%d%x%n CODE',
  ']]>CODE<![CDATA[',
  '</stringProp><CODE/><stringProp name="x">',
  '"/><CODE/><x a="',
  '\'/><CODE/><x a=\'',
  '<!--CODE-->',
  '${__groovy(CODE)}',
  '${__javaScript(CODE)}',
  '${__P(CODE)}',
  '\\${__groovy(CODE)}',
  '$${CODE}',
  '\\u0022; CODE; \\u0022',
  'f"{CODE}"',
  '\x00"; CODE; "\x00',
  // PEP 263: on line 1 or 2 of a Python file this makes the interpreter unescape string literals.
  '# -*- coding: unicode_escape -*- "+CODE+"',
];

/** Characters and short strings that break naive escaping. */
export const DANGEROUS_PIECES = [
  '"',
  "'",
  '`',
  '\\',
  '\\\\',
  '${',
  '}',
  '{',
  '{{',
  '}}',
  '"""',
  "'''",
  '%',
  '%%',
  '<%',
  '%>',
  ']]>',
  '<![CDATA[',
  '</stringProp>',
  '&',
  '&amp;',
  '<',
  '>',
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\u2028',
  '\u2029',
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u200f', // RIGHT-TO-LEFT MARK
  '\u202e', // RIGHT-TO-LEFT OVERRIDE
  '\u200b',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\ud83d\ude00', // emoji
  '\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67', // ZWJ family emoji
  '\ud800', // lone surrogate
  '\u00e9',
  'e\u0301', // decomposed é
  '/',
  '../',
  '..\\',
  '#',
  '?',
  '*/',
  '/*',
  '//',
  '--',
  '\\N{BULLET}',
  '\\x41',
  '\\u0041',
  '$',
  '@',
  // Shaped like the JMeter renderer's in-band markers for workflow values.
  'PERFPLANSUBST0X',
  'PERFPLANSUBST0N0X',
];

/** Names that are reserved words or built-ins in the engines' languages, or start with a digit. */
export const RESERVED_NAMES = [
  'class',
  'import',
  'export',
  'default',
  'function',
  'return',
  'await',
  'yield',
  'let',
  'const',
  'var',
  'this',
  'new',
  'delete',
  'typeof',
  'eval',
  'arguments',
  'constructor',
  '__proto__',
  'prototype',
  'hasOwnProperty',
  'toString',
  'None',
  'True',
  'False',
  'def',
  'lambda',
  'self',
  'from',
  'pass',
  'async',
  '__import__',
  '__init__',
  '__class__',
  'exec',
  'print',
  'HttpUser',
  'task',
  'between',
  'http',
  'check',
  'group',
  'sleep',
  'options',
  'setup',
  'teardown',
  '0',
  '1abc',
  '123-start',
  '9_lives',
  '',
  ' ',
  '_',
  '-',
  'CON',
  'con.js',
  'NUL',
  'AUX',
  'COM1',
  'LPT1',
  'PRN',
  '.',
  '..',
  '../../../etc/passwd',
  '/etc/passwd',
  'C:\\Windows\\system32',
  '\\\\server\\share',
  'README.md',
  'readme.MD',
  'Load',
  'load',
  'LOAD',
];

/** operationIds that collide once a renderer turns them into identifiers or file names. */
export const COLLIDING_IDS = [
  'get-pets',
  'get_pets',
  'get pets',
  'get.pets',
  'getPets',
  'GetPets',
  'GETPETS',
  'get$pets',
  'get/pets',
  'get\\pets',
  'get\u00a0pets',
  'get-pets ',
  ' get-pets',
  'get—pets',
  'get🙂pets',
  'get\u0000pets',
];

/** Every break-out with CODE replaced. */
export function breakouts(code: string): string[] {
  return BREAKOUT_TEMPLATES.map((template) => template.split('CODE').join(code));
}

/**
 * The injected code of the static suite: a call with a fixed number, which no renderer can make
 * by sanitising a name into an identifier (`function PERFPLAN_PWNED(session)` is fine).
 */
export const INJECTION_CALL = `${INJECTION_MARKER}(31337)`;

/** The static payloads: break-outs that call INJECTION_CALL (valid JS and Python when not escaped), and an XML element. */
export const MARKER_PAYLOADS = [...breakouts(INJECTION_CALL), `</stringProp><${INJECTION_MARKER}/><stringProp name="x">`, `]]><${INJECTION_MARKER}/>`];

/** A name of `length` characters (a long, mostly-ASCII run with a hostile tail). */
export function longName(length: number, seedChar = 'n'): string {
  const tail = '"\'`${}\\';
  return seedChar.repeat(Math.max(0, length - tail.length)) + tail;
}

/**
 * Code that creates `file` when run, for each engine's language. JS for k6 (ES module, no
 * require), Python for Locust, a JMeter function call (JMeter evaluates `${__groovy(...)}`
 * in any property).
 */
export function canaryCode(file: string): { js: string; python: string; jmeter: string } {
  return {
    js: `globalThis.process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(file)},'js')`,
    python: `__import__('os').system('touch ${file}')`,
    jmeter: `new File('${file}').createNewFile()`,
  };
}

/**
 * PEP 263 / Emacs / Vim coding cookies. On line 1 or 2 of a Python file they decide how the
 * interpreter reads its bytes (unicode_escape turns an escaped quote into a real one); the
 * generated files' first two lines must stay fixed text whatever the spec says.
 */
export const CODING_COOKIES = [
  '# -*- coding: unicode_escape -*-',
  '-*- coding: unicode_escape -*-',
  '# vim: set fileencoding=unicode_escape :',
  'vim: set fileencoding=latin-1 :',
  'coding=latin-1',
  '# coding: raw_unicode_escape',
  '\n# -*- coding: unicode_escape -*-\n',
  '\r# -*- coding: utf-7 -*-\r',
  '-*- mode: python; coding: unicode_escape -*-',
];

/**
 * Terminal escapes (window title, erase line, conceal, carriage return, a C1 CSI, bidi override)
 * and GitHub Actions workflow commands (at a line start, indented, after a zero-width space, the
 * legacy `##[` form), each carrying a PWNED word to find in the printed text.
 */
export const TERMINAL_PAYLOADS = [
  '\u001b]0;PWNED-OSC\u0007',
  '\u001b[2KPWNED-ERASE',
  '\u001b[8mPWNED-CONCEAL',
  'PWNED-CR\rOVERWRITTEN',
  '\u009b31mPWNED-C1',
  '\n::error::PWNED-ERROR',
  '\n::add-mask::PWNED-MASK',
  '::warning file=x::PWNED-WARNING',
  '\n    ::stop-commands::PWNED-STOP',
  '\n\u200b::notice::PWNED-ZWSP',
  ' ##[error]PWNED-LEGACY',
  '\u202ePWNED-RLO',
];

/** `::` at a line start or `##[` anywhere: what a CI runner acts on, with the marker it carries. */
export const WORKFLOW_COMMAND_WORD = 'PWNED-';

/**
 * Text sh acts on outside quotes: command substitution, separators, pipes, redirections,
 * globs, expansions and newlines. Each `touch` names a canary file that only exists if sh ran it.
 */
export const SHELL_PAYLOADS = [
  '$(touch CANARY_DOLLAR)',
  '`touch CANARY_BACKTICK`',
  ';touch CANARY_SEMICOLON;',
  '|touch CANARY_PIPE',
  '&touch CANARY_AMP&',
  '&&touch CANARY_AND',
  '||touch CANARY_OR',
  '>CANARY_REDIRECT',
  '<CANARY_IN',
  "'",
  "'\\''",
  '"',
  '"$(touch CANARY_DQ)"',
  '\ntouch CANARY_NEWLINE\n',
  '\r\ntouch CANARY_CRLF',
  '${IFS}',
  '$HOME',
  "$'\\x41'",
  '*',
  '?',
  '[a-z]',
  '~',
  '#',
  '{a,b}',
  '!!',
  '\\',
  ' ',
  '\t',
];

/** Names that are Object.prototype members (or set the prototype): a plain object keyed by them loses or mistakes them. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;
