// Python 3 keywords (hard and soft) and names a generated locustfile imports or defines.
const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type', '_',
]);

/** Names the locustfile itself imports or defines; generated classes never take them. */
export const LOCUSTFILE_NAMES = [
  'constant', 'constant_pacing', 'constant_throughput', 'paced_arrivals', 'tag', 'task', 'PerfplanUser', 'PerfplanWorkflow', 'PlanShape', 'PerfplanShape',
  'User', 'HttpUser', 'FastHttpUser', 'TaskSet', 'SequentialTaskSet', 'LoadTestShape', 'events', 'os', 'sys',
];

/**
 * A Python class name resembling `text`: ASCII words joined in PascalCase
 * (`load_updatePet` → `LoadUpdatePet`), `_` before a leading digit, `fallback` when nothing is left.
 */
export function pascalIdentifier(text: string, fallback: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  let name = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
  if (name === '') name = fallback;
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return name;
}

/** A Python function-name part resembling `text`: ASCII letters, digits and `_` (`get /pets/{id}` → `get_pets_id`). */
export function snakeIdentifier(text: string, fallback: string): string {
  const name = text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return name === '' ? fallback : name;
}

/** Hands out Python identifiers unique within one scope (case-sensitive, like Python). */
export class PythonNames {
  private readonly taken: Set<string>;

  constructor(reserved: Iterable<string> = []) {
    this.taken = new Set([...PYTHON_KEYWORDS, ...reserved]);
  }

  /** `base` itself when free, else `base_2`, `base_3`, ... */
  claim(base: string): string {
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}_${n}`;
    this.taken.add(name);
    return name;
  }
}
