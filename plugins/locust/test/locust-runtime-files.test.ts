import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { GENERATED_NOTICE, PYTHON_CODING_LINE } from 'perfplan/plugin';
import { renderPlan, samplePlan } from 'perfplan/plugin/testing';
import locustRenderer from '../src/index.js';
import { PROJECT_ROOT } from '../../../test/helpers/paths.js';

const RUNTIME_DIR = path.join(PROJECT_ROOT, 'plugins', 'locust', 'runtime');
const RUNTIME_FILES = ['perfplan_criteria.py', 'perfplan_locust.py', 'perfplan_runtime.py', 'perfplan_schedule.py'];

/** `python3 -m py_compile FILE...`, its bytecode written to a temp folder, never beside the sources. */
function pyCompile(files: readonly string[]): { status: number | null; stderr: string } {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-pycache-'));
  try {
    const result = spawnSync('python3', ['-m', 'py_compile', ...files], { encoding: 'utf8', env: { ...process.env, PYTHONPYCACHEPREFIX: cache } });
    return { status: result.status, stderr: result.stderr };
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}

describe('Locust runtime modules (plugins/locust/runtime): real Python, copied under a header', function () {
  this.timeout(30000);
  let rendered: Awaited<ReturnType<typeof renderPlan>>;
  before(async () => {
    rendered = await renderPlan(locustRenderer, await samplePlan());
  });

  it('are the static modules the renderer writes to locust/, and hold no template tags', () => {
    expect(fs.readdirSync(RUNTIME_DIR).filter((name) => name !== '__pycache__').sort()).to.deep.equal(RUNTIME_FILES);
    for (const name of RUNTIME_FILES) expect(fs.readFileSync(path.join(RUNTIME_DIR, name), 'utf8'), name).not.to.match(/<%|%>/);
  });

  it('compile with python3 -m py_compile as they are', () => {
    const compiled = pyCompile(RUNTIME_FILES.map((name) => path.join(RUNTIME_DIR, name)));
    expect(compiled.stderr).to.equal('');
    expect(compiled.status).to.equal(0);
  });

  it('py_compile fails on a module that is not Python (the check can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-pybad-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.py'), 'x = <%- it.value %>\n');
      expect(pyCompile([path.join(dir, 'bad.py')]).status).to.equal(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are written byte for byte below the coding line and the generated header', () => {
    for (const name of RUNTIME_FILES) {
      const written = rendered.file(`locust/${name}`);
      const source = fs.readFileSync(path.join(RUNTIME_DIR, name), 'utf8');
      expect(written.endsWith(source), name).to.equal(true);
      const header = written.slice(0, written.length - source.length).split('\n').slice(0, -1);
      expect(header.slice(0, 2), name).to.deep.equal([PYTHON_CODING_LINE, `# ${GENERATED_NOTICE}`]);
      for (const line of header.slice(1)) expect(line, name).to.match(/^# /);
    }
  });
});
