// Durations as the k6 TEST DOUBLE reads them from options: a number is milliseconds; a string
// is a sequence of number+unit (ns, us, µs, ms, s, m, h), optionally preceded by whole days
// ("1d12h"), or a bare number (milliseconds) — the forms k6 documents for its options.
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function parseUnits(text: string, original: string): number {
  if (text === '0') return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let index = 0;
  while (index < text.length) {
    part.lastIndex = index;
    const match = part.exec(text);
    if (match === null) throw new Error(`invalid duration ${JSON.stringify(original)}`);
    total += Number(match[1]) * UNIT_MS[match[2]];
    index = part.lastIndex;
  }
  if (index === 0) throw new Error(`invalid duration ${JSON.stringify(original)}`);
  return total;
}

/** Milliseconds of a k6 duration option value; throws with the value on anything else. */
export function durationMs(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') throw new Error(`invalid duration ${JSON.stringify(value)}: expected a string such as "30s" or a number of milliseconds`);
  const text = value.trim();
  if (/^[-+]?\d+(\.\d+)?$/.test(text)) return Number(text);
  const negative = text.startsWith('-');
  const unsigned = negative || text.startsWith('+') ? text.slice(1) : text;
  const days = /^(\d+)d(.*)$/.exec(unsigned);
  const ms = days === null ? parseUnits(unsigned, value) : Number(days[1]) * 86_400_000 + (days[2] === '' ? 0 : parseUnits(days[2], value));
  return negative ? -ms : ms;
}

/** A duration for messages, e.g. 90000 → "1m30s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(rest >= 1000 ? `${Number((rest / 1000).toFixed(3))}s` : `${Number(rest.toFixed(3))}ms`);
  return parts.join('');
}
