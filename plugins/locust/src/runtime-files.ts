import fs from 'node:fs';
import { PYTHON_CODING_LINE } from 'perfplan/plugin';

// The package's runtime/ folder: static Python modules, checked where they live (python3 -m
// py_compile, and run by the tests) and written into the output under a header comment. It is
// beside the folder of the compiled code, as templates/ is (see index.ts).
const RUNTIME_DIR = new URL('../runtime/', import.meta.url);

const texts = new Map<string, string>();

/** A runtime module's text, read once per process. */
function runtimeText(name: string): string {
  let text = texts.get(name);
  if (text === undefined) {
    text = fs.readFileSync(new URL(name, RUNTIME_DIR), 'utf8');
    texts.set(name, text);
  }
  return text;
}

/** A runtime module as written into the output: the coding line, its header lines as `#` comments, then the module. */
export function runtimeFile(name: string, header: readonly string[]): string {
  return `${PYTHON_CODING_LINE}\n${header.map((line) => `# ${line}\n`).join('')}${runtimeText(name)}`;
}
