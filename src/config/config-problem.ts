/** One thing wrong with a config: where (dotted key path, `plugins[2]`) and what. */
export interface ConfigProblem {
  /** Dotted key path such as `profiles.standard.virtualUsers`; empty for the whole config. */
  path: string;
  message: string;
}

/** JSON pointer (`/profiles/standard/virtualUsers`, `/plugins/2`) to a dotted key path. */
export function pointerToKeyPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((keyPath, segment) => {
      if (/^\d+$/.test(segment)) return `${keyPath}[${segment}]`;
      const key = /^[A-Za-z_$][\w$-]*$/.test(segment) ? segment : JSON.stringify(segment);
      return keyPath === '' ? key : `${keyPath}.${key}`;
    }, '');
}

export function joinKeyPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export function formatProblem(problem: ConfigProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}
