/**
 * The words of a POSIX sh command line, read without running it: single quotes keep everything,
 * a backslash keeps the next character, and double quotes are read where they hold nothing
 * sh expands. Anything else sh would act on — `$`, backticks, `;`, `|`, `&`, redirections,
 * parentheses, globs, braces, a leading `~` or `#`, `!`, a newline — outside quotes is refused
 * with where it is: a command PLAN.md shows must be plain words.
 */

export type ShellWords = { words: string[] } | { problem: string };
export type ShellAndList = { commands: string[][] } | { problem: string };

/** A word of its own, `&&`, between two commands: sh runs the second only when the first exits 0. */
const AND = '\u0000&&';

/**
 * The commands of an and-list (`a x && b y`): each command's plain words. `&&` counts only
 * unquoted and standing alone; everything else follows shellWords.
 */
export function shellAndList(command: string): ShellAndList {
  const parsed = readWords(command, true);
  if (!('words' in parsed)) return parsed;
  const commands: string[][] = [[]];
  for (const word of parsed.words) {
    if (word === AND) commands.push([]);
    else commands[commands.length - 1]!.push(word);
  }
  if (commands.some((words) => words.length === 0)) return { problem: `an empty command around && in ${JSON.stringify(command.slice(0, 80))}` };
  return { commands };
}

/** Characters sh (or bash/zsh) acts on outside quotes. */
const ACTIVE = new Set(['$', '`', ';', '|', '&', '<', '>', '(', ')', '*', '?', '[', ']', '{', '}', '!', '\n', '\r']);
/** Characters sh acts on inside double quotes. */
const ACTIVE_IN_DOUBLE = new Set(['$', '`', '\\', '!']);

export function shellWords(command: string): ShellWords {
  return readWords(command, false);
}

function readWords(command: string, andLists: boolean): ShellWords {
  const words: string[] = [];
  let word: string | undefined;
  const where = (index: number) => `at offset ${index}: ${JSON.stringify(command.slice(Math.max(0, index - 20), index + 20))}`;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return { problem: `unterminated single quote ${where(i)}` };
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= command.length || command[i + 1] === '\n') return { problem: `a backslash ends a line ${where(i)}` };
      word = (word ?? '') + command[i + 1];
      i++;
      continue;
    }
    if (c === '"') {
      const end = command.indexOf('"', i + 1);
      if (end < 0) return { problem: `unterminated double quote ${where(i)}` };
      const inside = command.slice(i + 1, end);
      const active = [...inside].find((ch) => ACTIVE_IN_DOUBLE.has(ch));
      if (active !== undefined) return { problem: `${JSON.stringify(active)} inside double quotes ${where(i)}` };
      word = (word ?? '') + inside;
      i = end;
      continue;
    }
    if (andLists && c === '&' && word === undefined && command.startsWith('&& ', i)) {
      words.push(AND);
      i++;
      continue;
    }
    if (ACTIVE.has(c)) return { problem: `unquoted ${JSON.stringify(c)} ${where(i)}` };
    if ((c === '~' || c === '#') && word === undefined) return { problem: `unquoted ${JSON.stringify(c)} at the start of a word ${where(i)}` };
    word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return { words };
}

/** Leading `NAME=value` words: sh takes them as environment assignments for the command, not as arguments. */
export function splitAssignments(words: readonly string[]): { assignments: string[]; argv: string[] } {
  let index = 0;
  while (index < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index]!)) index++;
  return { assignments: words.slice(0, index), argv: words.slice(index) };
}
