import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { GENERATED_NOTICE } from 'perfplan/plugin';
import { renderPlan, samplePlan } from 'perfplan/plugin/testing';
import k6Renderer from '../src/index.js';
import { typecheckK6Files } from '../../../test/helpers/k6-typecheck.js';
import { PROJECT_ROOT } from '../../../test/helpers/paths.js';

const RUNTIME_DIR = path.join(PROJECT_ROOT, 'plugins', 'k6', 'runtime');
const RUNTIME_FILES = ['scenarios.js', 'support.js', 'workflows.js'];

describe('k6 runtime modules (plugins/k6/runtime): real JavaScript, copied under a header', function () {
  this.timeout(30000); // type-checking takes seconds on a busy machine
  let rendered: Awaited<ReturnType<typeof renderPlan>>;
  before(async () => {
    rendered = await renderPlan(k6Renderer, await samplePlan());
  });

  it('are the static modules the renderer writes to k6/lib/, and hold no template tags', () => {
    expect(fs.readdirSync(RUNTIME_DIR).sort()).to.deep.equal(RUNTIME_FILES);
    for (const name of RUNTIME_FILES) expect(fs.readFileSync(path.join(RUNTIME_DIR, name), 'utf8'), name).not.to.match(/<%|%>/);
  });

  it('type-check as they are against @types/k6 (checkJs, strict), beside the plan.js the template fills in', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-k6-runtime-'));
    try {
      for (const name of RUNTIME_FILES) fs.copyFileSync(path.join(RUNTIME_DIR, name), path.join(dir, name));
      fs.writeFileSync(path.join(dir, 'plan.js'), rendered.file('k6/lib/plan.js'));
      const result = typecheckK6Files(dir);
      expect(result).to.deep.equal({ files: RUNTIME_FILES.length + 1, diagnostics: [] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are written byte for byte below the generated header, whose first two lines are fixed text', () => {
    for (const name of RUNTIME_FILES) {
      const written = rendered.file(`k6/lib/${name}`);
      const source = fs.readFileSync(path.join(RUNTIME_DIR, name), 'utf8');
      expect(written.endsWith(source), name).to.equal(true);
      const header = written.slice(0, written.length - source.length).split('\n').slice(0, -1);
      expect(header[0], name).to.equal(`// ${GENERATED_NOTICE}`);
      expect(header.length, name).to.equal(3);
      for (const line of header) expect(line, name).to.match(/^\/\/ /);
    }
  });
});
