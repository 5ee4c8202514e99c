// Words that cannot name a function or a `const` in an ES module (strict mode), plus
// globals a generated name must not shadow.
const RESERVED = new Set([
  'arguments', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default',
  'delete', 'do', 'else', 'enum', 'eval', 'export', 'extends', 'false', 'finally', 'for', 'function',
  'if', 'implements', 'import', 'in', 'instanceof', 'interface', 'let', 'new', 'null', 'package',
  'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true',
  'try', 'typeof', 'undefined', 'var', 'void', 'while', 'with', 'yield', 'async', 'of', 'get', 'set',
  'NaN', 'Infinity', 'Object', 'Array', 'String', 'Number', 'Boolean', 'Error', 'JSON', 'Math', 'Map',
  'Set', 'Date', 'Promise', 'Symbol', 'Uint8Array', 'ArrayBuffer', 'encodeURIComponent', 'console',
  '__ENV', '__VU', '__ITER', 'open', 'require', 'module', 'exports', 'globalThis',
]);

/**
 * A valid JavaScript identifier resembling `text`: non-identifier characters split words,
 * later words are capitalised (`get /pets/{id}` → `getPetsId`), a leading digit gets `_`.
 */
export function toIdentifier(text: string, fallback: string): string {
  const words = text.split(/[^A-Za-z0-9_$]+/).filter((word) => word !== '');
  let name = words.map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('');
  if (name === '') name = fallback;
  if (/^[0-9]/.test(name)) name = `_${name}`;
  if (RESERVED.has(name)) name = `${name}_`;
  return name;
}

/**
 * Hands out identifiers unique within one generated file. Names are compared
 * case-sensitively, as JavaScript does; `reserved` are names the file already uses.
 */
export class IdentifierAllocator {
  private readonly taken: Set<string>;

  constructor(reserved: Iterable<string> = []) {
    this.taken = new Set(reserved);
  }

  allocate(text: string, fallback: string): string {
    const base = toIdentifier(text, fallback);
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}_${n}`;
    this.taken.add(name);
    return name;
  }

  /** Marks names derived from an allocated one (e.g. `${name}Targets`) as used. */
  reserve(...names: string[]): void {
    for (const name of names) this.taken.add(name);
  }
}

/**
 * k6 scenario names allow only `[A-Za-z0-9_-]`; they also appear in threshold tags
 * (`{scenario:NAME}`), where other characters would break the parser.
 */
export function allocateScenarioNames(ids: readonly string[]): string[] {
  const taken = new Set<string>();
  return ids.map((id) => {
    const base = id.replace(/[^A-Za-z0-9_-]+/g, '_') || 'scenario';
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    return name;
  });
}
