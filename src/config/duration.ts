const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };

/** `90`, `90s`, `5m`, `1h`, `1h30m` → seconds; undefined when the text is not a positive duration. */
export function parseDurationSeconds(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  const text = value.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return parseDurationSeconds(Number(text));
  if (!/^(\d+(\.\d+)?[hms])+$/.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)([hms])/g)) total += Number(match[1]) * UNIT_SECONDS[match[2]];
  return total > 0 ? total : undefined;
}
