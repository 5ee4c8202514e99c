/**
 * A generated text file's contents with LF line ends and exactly one LF at the end, whatever
 * the template's trailing lines. Linear, and cheap on contents of many megabytes: contents that
 * already end that way are returned as they are (no copy of a large file).
 */
export function asTextFile(contents: string): string {
  const lf = contents.includes('\r') ? contents.replace(/\r\n?/g, '\n') : contents;
  let end = lf.length;
  while (end > 0 && lf.charCodeAt(end - 1) === 10) end--;
  if (end === lf.length - 1) return lf;
  return `${end === lf.length ? lf : lf.slice(0, end)}\n`;
}
