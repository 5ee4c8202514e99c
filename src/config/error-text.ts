/** Prefixes loaders put in front of the message that says what is actually wrong. */
const WRAPPER_PREFIXES = [/^TypeScriptLoader failed to compile TypeScript:\s*/, /^(JSON|YAML|TypeScript) Error in [^\n]*:\s*\n/];
const MAX_LINES = 12;

/** The underlying message of a load error, without wrapper prefixes or a stack, cut to a few lines. */
export function underlyingMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const message = WRAPPER_PREFIXES.reduce((text, prefix) => text.replace(prefix, ''), raw).trim();
  const lines = message.split('\n').filter((line) => !/^\s+at .+\(.+\)$|^\s+at \S+:\d+:\d+$/.test(line));
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), '...'].join('\n') : lines.join('\n');
}
