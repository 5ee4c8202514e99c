import type { TextStyle } from './field-roles.js';

// Realistic base values for the feeder: a field's own value first, then names built from two
// fixed word lists (deterministic: row i always gives the same text).

const GIVEN = [
  'alice', 'bruno', 'chloe', 'dmitri', 'elena', 'farid', 'grace', 'hiro', 'ines', 'jonas',
  'kemal', 'lucia', 'mateo', 'nadia', 'oscar', 'priya', 'quinn', 'rosa', 'samir', 'tessa',
  'ulrich', 'vera', 'wanda', 'xavier', 'yara', 'zeno', 'amara', 'bela', 'carlos', 'dana',
  'emil', 'fatima', 'gustav', 'hana', 'ivan', 'julia', 'kofi', 'lena', 'milo', 'nora',
  'omar', 'paula', 'rafael', 'sofia', 'tomas', 'ugo', 'valeria', 'wei', 'yusuf', 'zoe',
];

const FAMILY = [
  'adams', 'berg', 'costa', 'dubois', 'eriksen', 'fischer', 'garcia', 'hansen', 'ito', 'jensen',
  'kowalski', 'lopez', 'muller', 'novak', 'okafor', 'petrov', 'quist', 'rossi', 'silva', 'tanaka',
  'ueda', 'varga', 'weber', 'young', 'zimmer',
];

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Row i's pair of names (i ≥ 1): every pair differs for i below 1250. */
function names(i: number): { given: string; family: string } {
  return { given: GIVEN[i % GIVEN.length]!, family: FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]! };
}

/** Candidates for row i (i ≥ 1) of a text field, best first; the caller keeps the first that is valid and new. */
export function textCandidates(style: TextStyle, base: string, i: number): string[] {
  const { given, family } = names(i);
  const numbered = `${base}${i}`;
  switch (style) {
    case 'name':
      return [capitalized(given), `${capitalized(given)} ${capitalized(family)}`, given, numbered];
    case 'username':
      return [`${given}.${family}`, `${given}${family}`, `${given}_${family}`, numbered];
    case 'slug':
      return [`${given}-${family}`, `${given}${family}`, numbered];
    case 'id':
      return [numbered, `${given}-${family}`, `${given}${family}`];
  }
}

/** Candidates for row 0: fixed text, whatever the spec says. */
export function firstRowCandidates(kind: 'string' | 'email'): string[] {
  return kind === 'email'
    ? ['alice.adams@example.com', 'alice@example.com', 'a@example.com', 'a@b.co']
    : ['alice', 'Alice', 'alice.adams', 'alice-adams', 'aliceadams', 'Alice Adams', 'a', 'A', '0'];
}

/** Candidates for row i (i ≥ 1) of an email field, keeping the base's domain as the last resort. */
export function emailCandidates(base: string, i: number): string[] {
  const { given, family } = names(i);
  const at = base.lastIndexOf('@');
  const local = at < 0 ? base : base.slice(0, at);
  const domain = at < 0 ? 'example.com' : base.slice(at + 1);
  return [`${given}.${family}@example.com`, `${given}${family}@example.com`, `${local}${i}@${domain}`];
}

/**
 * Text a feeder row may hold: no control characters (every engine's feeder file keeps a row on
 * one line), no `"` or `\` (kept out of every engine's quoting rules), and no characters beyond
 * the Basic Multilingual Plane (a row cut to length never splits one).
 */
export function isFeederSafe(text: string): boolean {
  return !/[\u0000-\u001f\u007f"\\\ud800-\udfff]/.test(text);
}
