// The root group of the k6 TEST DOUBLE's end-of-test summary: groups and check counts gathered,
// as k6 does, from the `group` and `check` tags of `checks` and `group_duration` samples.
import { createHash } from 'node:crypto';
import type { Sample } from './sample.js';

/** k6 identifies groups and checks by the MD5 of their path. */
function idOf(path: string): string {
  return createHash('md5').update(path).digest('hex');
}

interface CheckNode {
  name: string;
  path: string;
  id: string;
  passes: number;
  fails: number;
}

class GroupNode {
  readonly id: string;
  readonly groups = new Map<string, GroupNode>();
  readonly checks = new Map<string, CheckNode>();
  constructor(
    readonly name: string,
    readonly path: string,
  ) {
    this.id = idOf(path);
  }
  child(name: string): GroupNode {
    let group = this.groups.get(name);
    if (group === undefined) {
      group = new GroupNode(name, `${this.path}::${name}`);
      this.groups.set(name, group);
    }
    return group;
  }
}

export interface ExportedGroup {
  name: string;
  path: string;
  id: string;
  groups: ExportedGroup[];
  checks: CheckNode[];
}

export class GroupTree {
  private readonly root = new GroupNode('', '');

  ingest(sample: Sample): void {
    if (sample.metric !== 'checks' && sample.metric !== 'group_duration') return;
    const path = sample.tags.group;
    if (path === undefined) return;
    let group = this.root;
    for (const name of path.split('::').slice(1)) group = group.child(name);
    if (sample.metric !== 'checks') return;
    const name = sample.tags.check;
    if (name === undefined) return;
    let check = group.checks.get(name);
    if (check === undefined) {
      const checkPath = `${group.path}::${name}`;
      check = { name, path: checkPath, id: idOf(checkPath), passes: 0, fails: 0 };
      group.checks.set(name, check);
    }
    if (sample.value === 0) check.fails++;
    else check.passes++;
  }

  /** In k6's handleSummary shape: groups and checks as arrays, in the order first seen. */
  export(): ExportedGroup {
    const exportGroup = (group: GroupNode): ExportedGroup => ({
      name: group.name,
      path: group.path,
      id: group.id,
      groups: [...group.groups.values()].map(exportGroup),
      checks: [...group.checks.values()].map((check) => ({ ...check })),
    });
    return exportGroup(this.root);
  }
}
