import path from 'node:path';
import { errorCode, lstatOrUndefined, nodeOutputFs, type OutputFs } from './output-fs.js';

/**
 * Sibling folders of the output folder used while swapping it:
 * `.perfplan-tmp-<name>-<pid>` holds the new output while it is written,
 * `.perfplan-old-<name>-<pid>` holds the previous output between the two renames.
 */
export type SiblingKind = 'tmp' | 'old';

export function siblingPath(outDir: string, kind: SiblingKind, pid: number = process.pid): string {
  return path.join(path.dirname(outDir), `.perfplan-${kind}-${path.basename(outDir)}-${pid}`);
}

interface Sibling {
  kind: SiblingKind;
  pid: number;
  path: string;
}

function parseSibling(outDir: string, entryName: string): Sibling | undefined {
  for (const kind of ['tmp', 'old'] as const) {
    const prefix = `.perfplan-${kind}-${path.basename(outDir)}-`;
    if (!entryName.startsWith(prefix)) continue;
    const pidText = entryName.slice(prefix.length);
    if (/^[0-9]{1,10}$/.test(pidText)) {
      return { kind, pid: Number(pidText), path: path.join(path.dirname(outDir), entryName) };
    }
  }
  return undefined;
}

/**
 * A sibling is left over from a killed run when its process is gone. One carrying
 * this process's id is stale too (a reused pid): the writer never runs twice at once
 * for one folder in a process.
 */
function isLeftOver(pid: number): boolean {
  if (pid <= 0 || pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return errorCode(error) !== 'EPERM'; // EPERM: alive, owned by someone else
  }
}

/**
 * Repairs what a perfplan run killed in the middle of writing `outDir` left behind:
 * when `outDir` is missing but a previous output was moved aside, it is moved back;
 * then the remaining staging and moved-aside folders of dead runs are deleted.
 * Folders of runs still alive are not touched. Returns what it did, one line per action.
 */
export async function recoverInterruptedOutput(outDir: string, fs: OutputFs = nodeOutputFs): Promise<string[]> {
  const parent = path.dirname(outDir);
  let names: string[];
  try {
    names = (await fs.readdir(parent)).map((entry) => entry.name).sort();
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw error;
  }
  const leftOvers = names
    .map((name) => parseSibling(outDir, name))
    .filter((sibling): sibling is Sibling => sibling !== undefined && isLeftOver(sibling.pid));

  const actions: string[] = [];
  if ((await lstatOrUndefined(fs, outDir)) === undefined) {
    const previous = leftOvers.find((sibling) => sibling.kind === 'old');
    if (previous !== undefined) {
      await fs.rename(previous.path, outDir);
      actions.push(`restored ${outDir} from ${previous.path}, left by an interrupted run`);
      leftOvers.splice(leftOvers.indexOf(previous), 1);
    }
  }
  for (const sibling of leftOvers) {
    await fs.rmTree(sibling.path);
    actions.push(`removed ${sibling.path}, left by an interrupted run`);
  }
  return actions;
}
