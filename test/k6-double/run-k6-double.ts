// The k6 TEST DOUBLE's command line, shaped like `k6 run` (this is not k6; see README.md):
//   load mode, as `k6 run`:  run [-e NAME=value]... [--time-scale F] [--summary-export FILE]
//                            [--out json=FILE] [--tag-header H] SCRIPT
//     runs options.scenarios on their schedules with one worker thread per VU, keeps k6's
//     metrics, judges the thresholds and writes the end-of-test summary (load/load-run.ts);
//   functional mode:         run [-e NAME=value]... --iterations N [--tag-header H] [--result FILE] SCRIPT
//     N iterations of every scenario one after the other, recorded to FILE (functional-run.ts);
//     the conformance harness runs this mode.
// Exit codes follow k6's: 0, 99 thresholds failed, 104 invalid options, 107 script exception,
// 108 exec.test.abort(), 110 exec.test.fail(); 2 for a bad command line.
import { parseArgs, USAGE, type DoubleArgs } from './cli-args.js';
import { doubleState } from './double-state.js';
import { EXIT } from './exit-codes.js';
import { runFunctional } from './functional-run.js';
import { runLoad } from './load/load-run.js';
import { closeSyncHttp } from './sync-http.js';

let args: DoubleArgs | undefined;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`k6 double: ${(error as Error).message}\n${USAGE}`);
  process.exitCode = EXIT.usage;
}

if (args !== undefined && args.iterations !== undefined) {
  const exitCode = await runFunctional({ ...args, iterations: args.iterations });
  await closeSyncHttp();
  const state = doubleState();
  console.log(
    `k6 double: ${state.requests.length} requests, ${state.passedChecks} checks passed, ${state.failedChecks.length} failed, ${state.scriptErrors.length} script errors, exit ${exitCode}`,
  );
  process.exitCode = exitCode;
} else if (args !== undefined) {
  process.exitCode = await runLoad(args);
}
