import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as acorn from 'acorn';
import yaml from 'js-yaml';
import { INJECTION_CALL, INJECTION_MARKER } from './hostile-strings.js';

/**
 * Parse checks for every kind of file perfplan writes (Python compiled from its bytes, as the
 * interpreter reads it, with any PEP 263 encoding other than utf-8 on line 1 or 2 a problem), plus the injection check: the
 * INJECTION_CALL (JS, Python), an INJECTION_MARKER element (XML), or a JMeter `${...}`
 * expression holding INJECTION_CALL, must never appear as code or markup. JS is parsed in-process with acorn; Python and XML
 * in one python3 process per batch (`ast.parse`, expat through xml.etree).
 */

export interface FileProblem {
  file: string;
  problem: string;
}

type AstNode = { type: string; [key: string]: unknown };

function isNode(value: unknown): value is AstNode {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}

function walk(node: AstNode, visit: (node: AstNode) => void): void {
  visit(node);
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'range') continue;
    const child = node[key];
    if (Array.isArray(child)) for (const item of child) isNode(item) && walk(item, visit);
    else if (isNode(child)) walk(child, visit);
  }
}

/** `PERFPLAN_PWNED(31337)` as a call: only a payload that escaped its string makes one. */
function isInjectedCall(node: AstNode): boolean {
  if (node.type !== 'CallExpression') return false;
  const callee = node.callee as AstNode;
  const args = node.arguments as AstNode[];
  return callee.type === 'Identifier' && callee.name === INJECTION_MARKER && args.length === 1 && args[0].type === 'Literal' && args[0].value === 31337;
}

function staticKey(property: AstNode): string | undefined {
  if (property.type !== 'Property' || property.computed || property.kind !== 'init') return undefined;
  const key = property.key as AstNode;
  if (key.type === 'Identifier') return String(key.name);
  if (key.type === 'Literal') return String(key.value);
  return undefined;
}

/**
 * A JS file perfplan wrote (k6: ES module): it parses, never makes INJECTION_CALL,
 * and no object literal repeats a key (a repeated key silently drops a scenario or request).
 */
export function checkJavaScript(file: string, contents: string): FileProblem[] {
  let program: AstNode;
  try {
    program = acorn.parse(contents, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as AstNode;
  } catch (error) {
    return [{ file, problem: `does not parse as an ES module: ${(error as Error).message}` }];
  }
  const problems: FileProblem[] = [];
  walk(program, (node) => {
    if (isInjectedCall(node)) problems.push({ file, problem: `spec text became code: ${INJECTION_CALL} at offset ${String(node.start)}` });
    if (node.type === 'ObjectExpression') {
      const seen = new Set<string>();
      for (const property of node.properties as AstNode[]) {
        const key = staticKey(property);
        if (key === undefined) continue;
        if (seen.has(key)) problems.push({ file, problem: `object literal repeats key ${JSON.stringify(key.slice(0, 80))} at offset ${String(property.start)}: one entry is lost` });
        seen.add(key);
      }
    }
  });
  return problems;
}

export function checkJson(file: string, contents: string): FileProblem[] {
  try {
    JSON.parse(contents);
    return [];
  } catch (error) {
    return [{ file, problem: `is not valid JSON: ${(error as Error).message}` }];
  }
}

export function checkYaml(file: string, contents: string): FileProblem[] {
  try {
    yaml.load(contents);
    return [];
  } catch (error) {
    return [{ file, problem: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` }];
  }
}

const PYTHON_CHECKER = String.raw`
import ast, json, re, sys
from collections import Counter
import xml.etree.ElementTree as ET
MARKER = sys.argv[2]
# A JMeter function that runs code, not escaped by an odd number of backslashes, whose argument holds the call.
JMETER_EXPR = re.compile(r'(?:^|[^\\])(?:\\\\)*\$\{__(?:groovy|javaScript|jexl2|jexl3|BeanShell|eval|evalVar)\([^{}]*' + re.escape(MARKER + '(31337)'))
def injected_call(node):
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == MARKER
            and len(node.args) == 1 and isinstance(node.args[0], ast.Constant) and node.args[0].value == 31337)
# PEP 263: an encoding declared on line 1 or 2 decides how the bytes are read (unicode_escape turns escapes into code).
CODING = re.compile(rb'^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)')
def check_python(path):
    problems = []
    with open(path, 'rb') as f:
        source = f.read()
    for number, line in enumerate(source.split(b'\n')[:2], 1):
        declared = CODING.match(line)
        if declared and declared.group(1).lower().replace(b'_', b'-') not in (b'utf-8', b'utf8'):
            problems.append('line %d declares the source encoding %s (PEP 263): spec text reached the first two lines' % (number, declared.group(1).decode('latin-1')))
    try:
        tree = ast.parse(source, filename=path)
    except (SyntaxError, ValueError) as error:
        return ['does not parse as Python 3: %s (line %s)' % (getattr(error, 'msg', str(error)), getattr(error, 'lineno', '?'))]
    for node in ast.walk(tree):
        if injected_call(node):
            problems.append('spec text became code: %s(31337) at line %d' % (MARKER, node.lineno))
        if isinstance(node, ast.ClassDef):
            names = Counter(item.name for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)))
            for name in sorted(n for n, c in names.items() if c > 1):
                problems.append('class %s defines %s more than once: one task is lost' % (node.name, name))
        if isinstance(node, ast.Dict):
            keys = Counter(repr(k.value) for k in node.keys if isinstance(k, ast.Constant))
            for key in sorted(k for k, c in keys.items() if c > 1):
                problems.append('dict literal at line %d repeats key %s: one entry is lost' % (node.lineno, key[:80]))
    return problems
JMETER_CALL = re.compile(r'\$\{__\w+\(')
def jmeter_call_closes(text, start):
    # JMeter's FunctionParser.parseParams: '\\' escapes the next character, '${'..'}' nests, '(' and ')' pair up.
    i, functions, parens, previous = start, 0, 0, ' '
    while i < len(text):
        c = text[i]
        if c == '\\':
            i += 2
            previous = ' '
            continue
        if c == ')' and functions == 0 and parens == 0:
            return text[i + 1:i + 2] == '}'
        if c == '{' and previous == '$':
            functions += 1
        elif c == '}' and functions > 0:
            functions -= 1
        elif c == ')' and functions == 0 and parens > 0:
            parens -= 1
        elif c == '(' and functions == 0:
            parens += 1
        previous = c
        i += 1
    return False
def check_xml(path):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        return ['is not well-formed XML: %s' % error]
    for element in root.iter():
        if element.tag == MARKER:
            problems.append('spec text became markup: element <%s>' % element.tag[:80])
        for call in JMETER_CALL.finditer(element.text or ''):
            if not jmeter_call_closes(element.text, call.end()):
                problems.append('JMeter function call %s...) in <%s name=%r> does not close where it should (spec text unbalances it): %r' % (call.group(0), element.tag, element.get('name'), element.text[:160]))
        if element.text and JMETER_EXPR.search(element.text):
            problems.append('spec text became a JMeter expression in <%s name=%r>: %r' % (element.tag, element.get('name'), element.text[:120]))
    return problems
results = {}
with open(sys.argv[1], encoding='utf-8') as f:
    jobs = json.load(f)
for job in jobs:
    try:
        results[job['file']] = check_python(job['file']) if job['kind'] == 'python' else check_xml(job['file'])
    except Exception as error:
        results[job['file']] = ['checker failed: %r' % error]
json.dump(results, sys.stdout)
`;

/** The python3 to use: PERFPLAN_PYTHON, else python3 on PATH. */
export function pythonCommand(): string {
  return process.env.PERFPLAN_PYTHON ?? 'python3';
}

/** Parses many .py and .jmx/.xml files in one python3 process; throws if python3 itself fails. */
export function checkPythonAndXml(jobs: ReadonlyArray<{ file: string; kind: 'python' | 'xml' }>): FileProblem[] {
  if (jobs.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-parse-'));
  try {
    const script = path.join(dir, 'check.py');
    const list = path.join(dir, 'jobs.json');
    fs.writeFileSync(script, PYTHON_CHECKER);
    fs.writeFileSync(list, JSON.stringify(jobs));
    const run = spawnSync(pythonCommand(), [script, list, INJECTION_MARKER], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`${pythonCommand()} failed (exit ${String(run.status)}): ${run.stderr || String(run.error)}`);
    const results = JSON.parse(run.stdout) as Record<string, string[]>;
    return Object.entries(results).flatMap(([file, problems]) => problems.map((problem) => ({ file, problem })));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export type OutputKind = 'javascript' | 'python' | 'xml' | 'json' | 'yaml' | 'other';

export function outputKind(file: string): OutputKind {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.js' || extension === '.mjs') return 'javascript';
  if (extension === '.py') return 'python';
  if (extension === '.jmx' || extension === '.xml') return 'xml';
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return 'other';
}

/**
 * Checks every file under the given roots (absolute paths on disk): JS, JSON and YAML in this
 * process, Python and XML in one batch. Returns every problem, and counts by kind.
 */
export function checkOutputFiles(files: readonly string[]): { problems: FileProblem[]; counts: Record<OutputKind, number> } {
  const counts: Record<OutputKind, number> = { javascript: 0, python: 0, xml: 0, json: 0, yaml: 0, other: 0 };
  const problems: FileProblem[] = [];
  const batch: Array<{ file: string; kind: 'python' | 'xml' }> = [];
  // Files that do not depend on the spec (runtime helpers) are the same bytes every time: parse one copy.
  const seen = new Set<string>();
  for (const file of files) {
    const kind = outputKind(file);
    counts[kind]++;
    if (kind === 'other') continue;
    const contents = fs.readFileSync(file, 'utf8');
    const digest = `${kind}:${createHash('sha1').update(contents).digest('hex')}`;
    if (seen.has(digest)) continue;
    seen.add(digest);
    if (kind === 'python' || kind === 'xml') {
      batch.push({ file, kind });
      continue;
    }
    if (kind === 'javascript') problems.push(...checkJavaScript(file, contents));
    else if (kind === 'json') problems.push(...checkJson(file, contents));
    else problems.push(...checkYaml(file, contents));
  }
  problems.push(...checkPythonAndXml(batch));
  return { problems, counts };
}

/** Every file under `dir`, sorted. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full));
    else if (entry.isFile()) found.push(full);
  }
  return found.sort();
}
