import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../helpers/paths.js';

/** Every module specifier a TypeScript file imports or re-exports (static and dynamic). */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+'([^']+)'/g)) found.push(match[1]!);
  for (const match of text.matchAll(/(?:^|\n)\s*import\s+'([^']+)'/g)) found.push(match[1]!);
  for (const match of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) found.push(match[1]!);
  return found;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('import boundaries', () => {
  it('first-party plugins import only perfplan/plugin and their own files, as a third party would', () => {
    const pluginsDir = path.join(PROJECT_ROOT, 'plugins');
    const outside: string[] = [];
    let files = 0;
    for (const name of fs.readdirSync(pluginsDir)) {
      const root = path.join(pluginsDir, name, 'src');
      if (!fs.existsSync(root)) continue;
      for (const file of tsFiles(root)) {
        files += 1;
        for (const specifier of specifiers(file)) {
          const own = specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(`${root}${path.sep}`);
          if (!own && specifier !== 'perfplan/plugin') outside.push(`${path.relative(PROJECT_ROOT, file)}: ${specifier}`);
        }
      }
    }
    expect(files, 'plugin source files found').to.be.greaterThan(20);
    expect(outside).to.deep.equal([]);
  });

  it('the evaluator imports nothing engine-specific: no plugin, no reader of one engine', () => {
    const root = path.join(PROJECT_ROOT, 'src', 'evaluate');
    const imported = tsFiles(root).flatMap((file) => specifiers(file).map((specifier) => `${path.relative(PROJECT_ROOT, file)}: ${specifier}`));
    expect(imported.length).to.be.greaterThan(10);
    expect(imported.filter((line) => /plugins\/|jmeter|k6|locust|jtl/i.test(line.slice(line.indexOf(': '))))).to.deep.equal([]);
    expect(fs.readdirSync(root).filter((name) => /jmeter|k6|locust|jtl/i.test(name))).to.deep.equal([]);
  });
});
