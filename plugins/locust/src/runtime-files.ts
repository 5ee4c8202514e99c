import { PYTHON_CODING_LINE, staticFiles } from 'perfplan/plugin';

// The package's runtime/ folder: static Python modules, checked where they live (python3 -m
// py_compile, and run by the tests) and written into the output under a header comment. It is
// beside the folder of the compiled code, as templates/ is (see index.ts).
const runtimeText = staticFiles(new URL('../runtime/', import.meta.url));

/** A runtime module as written into the output: the coding line, its header lines as `#` comments, then the module. */
export function runtimeFile(name: string, header: readonly string[]): string {
  return `${PYTHON_CODING_LINE}\n${header.map((line) => `# ${line}\n`).join('')}${runtimeText(name)}`;
}
