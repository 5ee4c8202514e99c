import fs from 'node:fs';
import path from 'node:path';

/** An output tree in memory: path relative to its folder (with "/") → exact bytes. */
export type Tree = Map<string, Buffer>;

export interface TreeDifferences {
  /** Generated, but not in the golden tree. */
  missing: string[];
  /** In the golden tree, but no longer generated. */
  extra: string[];
  /** In both, with different bytes. */
  changed: string[];
}

/** Every file under `folder` (dot-files included), or an empty tree when the folder does not exist. */
export function readTree(folder: string): Tree {
  const tree: Tree = new Map();
  if (!fs.existsSync(folder)) return tree;
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    tree.set(path.relative(folder, file).split(path.sep).join('/'), fs.readFileSync(file));
  }
  return tree;
}

/** Replaces `folder` with exactly the files of `tree`. */
export function writeTree(folder: string, tree: Tree): void {
  fs.rmSync(folder, { recursive: true, force: true });
  for (const [relative, data] of tree) {
    const file = path.join(folder, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  }
}

export function compareTrees(expected: Tree, actual: Tree): TreeDifferences {
  const sorted = (paths: Iterable<string>) => [...paths].sort();
  return {
    missing: sorted([...actual.keys()].filter((file) => !expected.has(file))),
    extra: sorted([...expected.keys()].filter((file) => !actual.has(file))),
    changed: sorted([...actual.keys()].filter((file) => expected.has(file) && !expected.get(file)!.equals(actual.get(file)!))),
  };
}

export function hasDifferences(differences: TreeDifferences): boolean {
  return differences.missing.length + differences.extra.length + differences.changed.length > 0;
}

const CONTEXT_LINES = 3;
const MAX_HUNK_LINES = 12;

/**
 * A short unified diff of the first difference between two texts: one hunk spanning the lines
 * between their common start and common end, with some context, each side cut at MAX_HUNK_LINES.
 */
export function firstDifferenceExcerpt({ file, expected, actual }: { file: string; expected: string; actual: string }): string {
  // The empty piece after a final newline is no line, unless only one side has that newline.
  const bothEndLines = expected.endsWith('\n') && actual.endsWith('\n');
  const before = (bothEndLines ? expected.slice(0, -1) : expected).split('\n');
  const after = (bothEndLines ? actual.slice(0, -1) : actual).split('\n');
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const from = Math.max(0, start - CONTEXT_LINES);
  const removed = before.slice(start, endBefore);
  const added = after.slice(start, endAfter);
  const cut = (lines: string[], sign: string) => [
    ...lines.slice(0, MAX_HUNK_LINES).map((line) => `${sign}${visible(line)}`),
    ...(lines.length > MAX_HUNK_LINES ? [`${sign}… (${lines.length - MAX_HUNK_LINES} more lines)`] : []),
  ];
  const contextAfter = before.slice(endBefore, endBefore + CONTEXT_LINES);
  const lengthBefore = endBefore - from + contextAfter.length;
  const lengthAfter = endAfter - from + contextAfter.length;
  const crlfOnly = removed.length === added.length && removed.every((line, i) => line.replace(/\r$/, '') === added[i].replace(/\r$/, ''));
  if (removed.length === 0 && added.length === 0) return `${file}: the bytes differ but decode to the same text (the golden file is not valid UTF-8)`;
  return [
    `--- golden/${file}`,
    `+++ generated/${file}`,
    `@@ -${from + 1},${lengthBefore} +${from + 1},${lengthAfter} @@${crlfOnly ? ' (only line endings differ)' : ''}`,
    ...before.slice(from, start).map((line) => ` ${visible(line)}`),
    ...cut(removed, '-'),
    ...cut(added, '+'),
    ...contextAfter.map((line) => ` ${visible(line)}`),
  ].join('\n');
}

/** A carriage return shown, so a line-ending difference is seen in the excerpt. */
function visible(line: string): string {
  return line.replace(/\r/g, '\\r');
}

/** The failure message: what differs, the first changed file's excerpt, and how to refresh. */
export function describeDifferences({ label, expected, actual, differences }: { label: string; expected: Tree; actual: Tree; differences: TreeDifferences }): string {
  const lines = [`${label} differs from what generate writes now:`];
  for (const file of differences.changed) lines.push(`  changed: ${label}/${file}`);
  for (const file of differences.missing) lines.push(`  missing: ${label}/${file} (generated, not in the golden tree)`);
  for (const file of differences.extra) lines.push(`  extra:   ${label}/${file} (in the golden tree, no longer generated)`);
  const first = differences.changed[0];
  if (first !== undefined) {
    lines.push('', `First difference, in ${label}/${first}:`);
    lines.push(firstDifferenceExcerpt({ file: first, expected: expected.get(first)!.toString('utf8'), actual: actual.get(first)!.toString('utf8') }));
  }
  lines.push('', 'If the change is intended, run "UPDATE_GOLDEN=1 npm test" (or "npm run golden:update") and review the tree\'s diff in the commit.');
  return lines.join('\n');
}
