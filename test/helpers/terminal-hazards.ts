/**
 * What a terminal or a GitHub Actions runner would act on in printed text, one line each: a
 * control character (tab and newline aside), a format character (zero-width, bidi), a line that
 * is a workflow command once leading whitespace and ignorable characters are skipped, a legacy
 * `##[` command anywhere.
 */
export function terminalHazards(output: string): string[] {
  const found: string[] = [];
  for (const [index, line] of output.split('\n').entries()) {
    if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(line)) found.push(`line ${index + 1} has a control character: ${JSON.stringify(line)}`);
    if (/\p{Cf}/u.test(line)) found.push(`line ${index + 1} has a format character: ${JSON.stringify(line)}`);
    if (/^[\s\p{Default_Ignorable_Code_Point}]*::/u.test(line)) found.push(`line ${index + 1} is a workflow command: ${JSON.stringify(line)}`);
    if (/#[\p{Default_Ignorable_Code_Point}]*#[\p{Default_Ignorable_Code_Point}]*\[/u.test(line)) found.push(`line ${index + 1} holds a legacy workflow command: ${JSON.stringify(line)}`);
  }
  return found;
}
