import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../../test/helpers/paths.js';
import locustRenderer from '../src/index.js';
import type { TestPlan, GeneratedFile } from 'perfplan/plugin';
import { renderWith, writeFiles as writeRendered, type Rendered } from '../../../test/helpers/render-plugin.js';

export type RenderedLocust = Rendered;

/** Renders a plan with this renderer through the real template engine, as the pipeline does. */
export function renderLocust(plan: TestPlan): Promise<Rendered> {
  return renderWith(locustRenderer, plan);
}

/** Writes rendered files under a new temp folder and returns it. */
export function writeFiles(files: readonly GeneratedFile[], prefix = 'perfplan-locust-'): string {
  return writeRendered(files, prefix);
}

/** Runs python3 with a program; throws with its stderr when it fails. */
export function runPython(program: string, args: string[] = [], input?: string): string {
  const result = spawnSync('python3', ['-c', program, ...args], { encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`python3 exited ${String(result.status)}: ${result.stderr.slice(-3000)}`);
  return result.stdout;
}

// Parses each file with Python 3.9's grammar and reports, per file, what the tests compare:
// module-level literal assignments (as JSON), every string constant, every name used, docstrings.
const INSPECT = `
import ast, json, sys
out = {}
for path in sys.argv[1:]:
    source = open(path, encoding="utf-8").read()
    try:
        tree = ast.parse(source, path, feature_version=(3, 9))
        compile(source, path, "exec")
    except SyntaxError as error:
        out[path] = {"error": "%s:%s: %s" % (path, error.lineno, error.msg)}
        continue
    literals = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                literals[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    strings = sorted({n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)})
    names = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)})
    docstrings = {n.name: ast.get_docstring(n, clean=False) for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
    classes = {n.name: {"attrs": {t.id: ast.literal_eval(s.value) for s in n.body if isinstance(s, ast.Assign) for t in s.targets if isinstance(t, ast.Name) and isinstance(s.value, ast.Constant)},
                        "tags": [[ast.literal_eval(a) for a in d.args] for f in n.body if isinstance(f, ast.FunctionDef) for d in f.decorator_list if isinstance(d, ast.Call) and getattr(d.func, "id", "") == "tag" and all(isinstance(a, ast.Constant) for a in d.args)],
                        "calls": [ast.literal_eval(c.args[0]) for f in n.body if isinstance(f, ast.FunctionDef) for c in ast.walk(f) if isinstance(c, ast.Call) and getattr(c.func, "attr", "") == "send" and c.args and isinstance(c.args[0], ast.Constant)]}
               for n in tree.body if isinstance(n, ast.ClassDef)}
    out[path] = {"literals": literals, "strings": strings, "names": names, "docstrings": docstrings, "classes": classes}
json.dump(out, sys.stdout)
`;

export interface InspectedPython {
  error?: string;
  literals: Record<string, unknown>;
  strings: string[];
  names: string[];
  docstrings: Record<string, string | null>;
  classes: Record<string, { attrs: Record<string, unknown>; tags: unknown[][]; calls: string[] }>;
}

/** Parses every file with python3's ast (one process), keyed by the file's path relative to `dir`. */
export function inspectPython(dir: string, relativePaths: string[]): Record<string, InspectedPython> {
  const absolute = relativePaths.map((relative) => path.join(dir, ...relative.split('/')));
  const parsed = JSON.parse(runPython(INSPECT, absolute)) as Record<string, InspectedPython>;
  return Object.fromEntries(relativePaths.map((relative, index) => [relative, parsed[absolute[index]]]));
}

/** The project-local Locust, when scripts/install-locust.sh has run. */
export const LOCUST_BIN = path.join(PROJECT_ROOT, '.tools', 'locust-venv', 'bin', 'locust');
