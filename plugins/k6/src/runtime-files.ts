import fs from 'node:fs';

// The package's runtime/ folder: static k6 modules, checked as JavaScript (tsc --checkJs against
// @types/k6) where they live, and written into the output under a header comment. It is beside
// the folder of the compiled code, as templates/ is (see index.ts).
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

/** A runtime module as written into the output: its header lines as `//` comments, then the module. */
export function runtimeFile(name: string, header: readonly string[]): string {
  return `${header.map((line) => `// ${line}\n`).join('')}${runtimeText(name)}`;
}
