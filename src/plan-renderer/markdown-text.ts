// Escaping for PLAN.md: every string of the plan reaches the Markdown through one of these.

/**
 * At most `max` characters: cut at the last space before the limit, with an ellipsis, so no word is
 * cut in two; only a single word longer than a fifth of the limit (a URL) is cut inside.
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space >= max * 0.8 ? head.slice(0, space) : head).trimEnd()}…`;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Text for one Markdown table cell or line: no newlines, pipes and markup characters escaped, long text cut at a word. */
export function mdText(value: string, max = 160): string {
  const flat = value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  const cut = cutAtWord(flat, max);
  return cut.replace(/[\\`*_{}[\]()<>#+!|~]/g, (ch) => `\\${ch}`);
}

/** Inline code on one line, safe in a table cell: a value with a backtick gets a double fence. */
export function mdCode(value: string): string {
  const flat = value.replace(CONTROL, ' ');
  const fence = flat.includes('`') ? '``' : '`';
  return `${fence}${flat.includes('`') ? ` ${flat} ` : flat}${fence}`.replace(/\|/g, '\\|');
}

/** A shell command for a fenced block: one line, and nothing a terminal acts on when PLAN.md is printed. */
export function commandLine(command: string): string {
  return command.replace(CONTROL, ' ');
}

/** The document as written: at most one blank line in a row, one newline at the end. */
export function finishedMarkdown(text: string): string {
  return `${text.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
