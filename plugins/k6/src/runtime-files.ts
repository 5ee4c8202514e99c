import { staticFiles } from 'perfplan/plugin';

// The package's runtime/ folder: static k6 modules, checked as JavaScript (tsc --checkJs against
// @types/k6) where they live, and written into the output under a header comment. It is beside
// the folder of the compiled code, as templates/ is (see index.ts).
const runtimeText = staticFiles(new URL('../runtime/', import.meta.url));

/** A runtime module as written into the output: its header lines as `//` comments, then the module. */
export function runtimeFile(name: string, header: readonly string[]): string {
  return `${header.map((line) => `// ${line}\n`).join('')}${runtimeText(name)}`;
}
