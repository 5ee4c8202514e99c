import { expect } from 'chai';
import path from 'node:path';
import type { Diagnostic } from '../../src/model/index.js';
import { announceMissing, hostilePipeline, type HostilePipeline } from '../helpers/hostile-pipeline.js';
import { runCli } from '../helpers/run-cli.js';
import { assertSecretFixture, markersIn, SAFE_VALUES, SECRET_REFS_OAS3, SECRET_REFS_SWAGGER2 } from '../helpers/secret-refs-fixture.js';
import { tempDirs } from '../render/temp-dir.js';

const SPECS = [
  { name: 'OpenAPI 3.0', file: SECRET_REFS_OAS3, safe: SAFE_VALUES.oas3 },
  { name: 'Swagger 2.0', file: SECRET_REFS_SWAGGER2, safe: SAFE_VALUES.swagger2 },
];

describe('hostile specs: $refs in example values and to dot-files never copy local files into any output', function () {
  this.timeout(60_000);
  const temp = tempDirs('secret-files');
  let host: HostilePipeline;

  before(async () => {
    assertSecretFixture();
    host = await hostilePipeline();
    announceMissing(host.missing);
  });
  after(() => temp.cleanup());

  for (const spec of SPECS) {
    it(`${spec.name}: no secret file's content in any output file of any engine, PLAN.md or plan.json`, async () => {
      const { files } = await host.pipeline.generate({ specFile: spec.file });
      expect(files.map((file) => file.path)).to.include.members(['PLAN.md', 'plan.json']);
      const leaking = files.filter((file) => markersIn(file.contents).length > 0).map((file) => `${file.path}: ${markersIn(file.contents).join(', ')}`);
      expect(leaking).to.deep.equal([]);
      // Controls: the inline values of the same spec do reach every engine's scripts.
      for (const engine of host.renderers) {
        const scripts = files.filter((file) => file.path.startsWith(`${engine}/`)).map((file) => file.contents).join('\n');
        expect(spec.safe.filter((value) => !scripts.includes(value)), `inline values missing from the ${engine} scripts`).to.deep.equal([]);
      }
    });
  }

  it('PLAN.md lists the files read and the values not used; plan.json has them as diagnostics', async () => {
    const { files } = await host.pipeline.generate({ specFile: SECRET_REFS_OAS3 });
    const planMd = files.find((file) => file.path === 'PLAN.md')?.contents ?? '';
    const filesRead = planMd.slice(planMd.indexOf('## Files read'), planMd.indexOf('## Diagnostics'));
    expect(filesRead.split('\n').filter((line) => line.startsWith('- ')).map((line) => line.split(' \\(')[0])).to.deep.equal([
      `- Read ${path.join('components', 'safe.yaml')}`,
      `- Read ${path.join('examples', 'token-example.yaml')}`,
    ]);
    expect(planMd.slice(planMd.indexOf('## Diagnostics'))).not.to.contain('spec/external-file-read');
    expect(planMd).to.contain('`spec/ref-in-literal-value`').and.contain('`spec/ref-hidden-path`').and.contain('`spec/ref-not-spec-document`');
    const planJson = JSON.parse(files.find((file) => file.path === 'plan.json')?.contents ?? '{}') as { plan: { diagnostics: Diagnostic[] } };
    expect(planJson.plan.diagnostics.filter((d) => d.code === 'spec/external-file-read')).to.have.length(2);
  });

  it('perfplan generate --json prints the diagnostics too (the files read), and no secret', () => {
    const dir = temp.make();
    const run = runCli(['generate', SECRET_REFS_OAS3, '-o', path.join(dir, 'out'), '--json'], { cwd: dir });
    expect(run.status, run.stderr).to.equal(0);
    expect(markersIn(`${run.stdout}${run.stderr}`)).to.deep.equal([]);
    const printed = JSON.parse(run.stdout) as { agentType: string; plan: { diagnostics: Diagnostic[] } };
    expect(printed.agentType).to.equal('Performance-Planner-Agent');
    expect(printed.plan.diagnostics.filter((d) => d.code === 'spec/external-file-read').map((d) => d.message.split(' (')[0])).to.deep.equal([
      `Read ${path.join('components', 'safe.yaml')}`,
      `Read ${path.join('examples', 'token-example.yaml')}`,
    ]);
  });
});
