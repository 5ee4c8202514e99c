// Mocha's spec reporter, closed by the plain line CI reads: "N passed, N failed".
// Pending (skipped) tests are counted on a line of their own, so the closing line stays exact.
'use strict';
const Mocha = require('mocha');

class PassedFailed extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
      if (pending > 0) process.stdout.write(`${pending} skipped\n`);
      process.stdout.write(`${passes} passed, ${failures} failed\n`);
    });
  }
}

module.exports = PassedFailed;
