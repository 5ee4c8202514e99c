// Literals laid out for reading: empty ones on one line, others one item per line.
// Items are JavaScript already; `indent` is the indentation of the line the literal starts on.

export function arrayLiteral(items: readonly string[], indent: string): string {
  if (items.length === 0) return '[]';
  return `[\n${items.map((item) => `${indent}  ${item},`).join('\n')}\n${indent}]`;
}

export function objectLiteral(entries: ReadonlyArray<{ key: string; value: string }>, indent: string): string {
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(({ key, value }) => `${indent}  ${key}: ${value},`).join('\n')}\n${indent}}`;
}
