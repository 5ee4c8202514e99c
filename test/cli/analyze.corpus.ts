import { expect } from 'chai';
import { corpusSpecs, skipUnlessCorpus } from '../helpers/corpus.js';
import { runCli } from '../helpers/run-cli.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

describe('corpus: perfplan analyze SPEC --json on every real-world spec', function () {
  before(function () {
    skipUnlessCorpus(this);
  });

  for (const spec of corpusSpecs()) {
    it(`${spec.name}: exits 0 and reports the manifest's ${spec.operations} operations`, () => {
      const run = runCli(['analyze', spec.file, '--json'], { cwd: PROJECT_ROOT });
      expect(run.status, run.stderr).to.equal(0);
      const report = JSON.parse(run.stdout);
      expect(report.spec.operations).to.equal(spec.operations);
      expect(report.analysis.totals.operations).to.equal(spec.operations);
      expect(report.analysis.totals.read + report.analysis.totals.write).to.equal(spec.operations);
    });
  }
});
