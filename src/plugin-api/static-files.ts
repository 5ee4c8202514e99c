import fs from 'node:fs';

/**
 * Reads a renderer's static files, such as runtime code it copies into the output, from `dir`
 * (found beside the renderer's compiled code: `new URL('../runtime/', import.meta.url)`); each
 * file is read once per process.
 */
export function staticFiles(dir: URL): (name: string) => string {
  const texts = new Map<string, string>();
  return (name) => {
    let text = texts.get(name);
    if (text === undefined) {
      text = fs.readFileSync(new URL(name, dir), 'utf8');
      texts.set(name, text);
    }
    return text;
  };
}
