import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { typecheckK6Files } from '../../../test/helpers/k6-typecheck.js';
import { fixturePlan } from './fixture-plan.js';
import { renderK6, writeFiles } from './render-k6.js';

function folderWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-k6-guard-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

// The type check is what stands in for a k6 run here; these prove it fails when it should.
describe('typecheckK6Files catches real mistakes', function () {
  this.timeout(30000); // type-checking takes seconds on a busy machine
  const dirs: string[] = [];
  const check = (files: Record<string, string>) => {
    const dir = folderWith(files);
    dirs.push(dir);
    return typecheckK6Files(dir);
  };
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('accepts a correct script', () => {
    const result = check({
      'ok.js': [
        "import http from 'k6/http';",
        "import { check } from 'k6';",
        "/** @type {import('k6/options').Options} */",
        "export const options = { scenarios: { a: { executor: 'ramping-vus', stages: [{ duration: '1s', target: 1 }], exec: 'run' } } };",
        'export function run() {',
        "  const res = http.get(__ENV.BASE_URL + '/x', { headers: { A: 'b' }, tags: { name: 'x' } });",
        "  check(res, { 'status is 200': (r) => r.status === 200 });",
        '}',
      ].join('\n'),
    });
    expect(result).to.deep.equal({ files: 1, diagnostics: [] });
  });

  it('reports a misspelled executor in annotated options', () => {
    const result = check({
      'bad.js': "/** @type {import('k6/options').Options} */\nexport const options = { scenarios: { a: { executor: 'ramping-vu', stages: [] } } };\n",
    });
    expect(result.diagnostics).to.have.length(1);
    expect(result.diagnostics[0]).to.match(/^bad\.js:2:44 TS2820: .*'"ramping-vu"'.*Did you mean '"ramping-vus"'/);
  });

  it('reports http.get called with wrong arguments and an unknown Params field', () => {
    const result = check({
      'bad.js': "import http from 'k6/http';\nexport default function () {\n  http.get(42);\n  http.get('http://x', { header: {} });\n}\n",
    });
    expect(result.diagnostics.map((line) => line.split(' ')[0])).to.deep.equal(['bad.js:3:12', 'bad.js:4:26']);
  });

  it('reports syntax errors and an import k6 does not have', () => {
    const result = check({ 'lib/bad.js': "import { nothing } from 'k6/http';\nexport const x = {;\n" });
    expect(result.diagnostics.some((line) => line.startsWith(`${path.join('lib', 'bad.js')}:2:`) && line.includes('TS1136'))).to.equal(true);
    expect(result.diagnostics.some((line) => line.includes("has no exported member 'nothing'"))).to.equal(true);
  });

  it('reports a broken generated script: an executor typo and a call to a request function that is not there', async () => {
    const files = (await renderK6(fixturePlan())).files.map((file) =>
      file.path === 'k6/load.js'
        ? { ...file, contents: file.contents.replace("executor: 'ramping-vus'", "executor: 'ramping-vu'").replace('requests.class_(session', 'requests.klass(session') }
        : file,
    );
    const dir = writeFiles(files);
    dirs.push(dir);
    const result = typecheckK6Files(dir);
    expect(result.files).to.equal(11);
    expect(result.diagnostics).to.have.length(2);
    expect(result.diagnostics[0]).to.match(/^k6\/load\.js:\d+:\d+ TS2820: /);
    expect(result.diagnostics[1]).to.match(/^k6\/load\.js:\d+:\d+ TS2339: Property 'klass' does not exist/);
  });
});
