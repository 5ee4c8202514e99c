import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

describe('perfplan --version', () => {
  it("prints the same text as oclif's own version output, from the fast path in bin/run.js", async () => {
    const fast = runCli(['--version'], { cwd: PROJECT_ROOT });
    expect(fast.status).to.equal(0);
    const viaOclif = (await runCommand(['--version'], { root: PROJECT_ROOT })).stdout;
    expect(fast.stdout.trim()).to.match(/^perfplan\/\d+\.\d+\.\d+ \S+-\S+ node-v\d+/);
    expect(fast.stdout.trim()).to.equal(viaOclif.trim());
  });
});
