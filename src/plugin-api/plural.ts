/** `strategy` → `strategies`, `match` → `matches`, `case` → `cases`. */
function pluralOf(noun: string): string {
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/**
 * A count and its noun, agreeing: `plural(1, 'problem')` is "1 problem", `plural(2, 'profile strategy')`
 * "2 profile strategies". Give `many` for an irregular plural.
 */
export function plural(count: number, noun: string, many: string = pluralOf(noun)): string {
  return `${count} ${count === 1 ? noun : many}`;
}

/** The noun alone, for a count shown elsewhere: `nounFor(3, 'webhook')` is "webhooks". */
export function nounFor(count: number, noun: string, many: string = pluralOf(noun)): string {
  return count === 1 ? noun : many;
}
