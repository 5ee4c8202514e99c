import fs from 'node:fs';
import path from 'node:path';

/** Every file under `dir` with its bytes (base64-free: a hash would hide which file differs), sorted by relative path. */
export function readTree(dir: string): Map<string, Buffer> {
  const tree = new Map<string, Buffer>();
  const walk = (folder: string, prefix: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(folder, entry.name), relative);
      else tree.set(relative, fs.readFileSync(path.join(folder, entry.name)));
    }
  };
  walk(dir, '');
  return tree;
}

/** Why two trees differ (file lists, then the first differing files), or undefined when byte-identical. */
export function treeDifference(actual: Map<string, Buffer>, expected: Map<string, Buffer>): string | undefined {
  const missing = [...expected.keys()].filter((file) => !actual.has(file));
  const extra = [...actual.keys()].filter((file) => !expected.has(file));
  const changed = [...expected.keys()].filter((file) => actual.has(file) && !actual.get(file)!.equals(expected.get(file)!));
  if (missing.length + extra.length + changed.length === 0) return undefined;
  const list = (files: string[]) => files.slice(0, 5).join(', ') + (files.length > 5 ? `, … (${files.length})` : '');
  return [missing.length ? `missing: ${list(missing)}` : '', extra.length ? `extra: ${list(extra)}` : '', changed.length ? `changed: ${list(changed)}` : ''].filter(Boolean).join('; ');
}

/** Which of the known-good trees `dir` is byte-for-byte, or a description of how it matches none. */
export function whichTree(dir: string, known: Record<string, Map<string, Buffer>>): { name?: string; why?: string } {
  if (!fs.existsSync(dir)) return { why: `${dir} does not exist` };
  const actual = readTree(dir);
  const reasons: string[] = [];
  for (const [name, tree] of Object.entries(known)) {
    const difference = treeDifference(actual, tree);
    if (difference === undefined) return { name };
    reasons.push(`not ${name}: ${difference}`);
  }
  return { why: reasons.join(' | ') };
}
