import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './paths.js';

/**
 * A throw-away project folder, as a user would have: `node_modules/perfplan` links to this
 * checkout (built), so plugins in it can import `perfplan/plugin`.
 */
export class TempProject {
  readonly dir: string;

  constructor(prefix = 'perfplan-test-') {
    this.dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    fs.mkdirSync(path.join(this.dir, 'node_modules'));
    fs.symlinkSync(PROJECT_ROOT, path.join(this.dir, 'node_modules', 'perfplan'), 'dir');
  }

  path(...segments: string[]): string {
    return path.join(this.dir, ...segments);
  }

  write(relative: string, contents: string): string {
    const file = this.path(relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
    return file;
  }

  /** Copies a folder (a plugin package) into node_modules under the given package name. */
  installPackage(sourceDir: string, name: string): void {
    fs.cpSync(sourceDir, this.path('node_modules', name), { recursive: true });
  }

  read(relative: string): string {
    return fs.readFileSync(this.path(relative), 'utf8');
  }

  exists(relative: string): boolean {
    return fs.existsSync(this.path(relative));
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
