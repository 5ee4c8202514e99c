import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { k6DoubleBin } from '../../conformance/engines/k6-double.js';
import { jmeterLauncher } from '../../conformance/engines/jmeter.js';
import { locustBin } from '../../conformance/engines/locust.js';
import type { EngineName } from '../verdict.js';
import type { EngineRunInput, EngineRunOutput } from './engine-run.js';
import { runJmeter } from './jmeter.js';
import { runK6 } from './k6.js';
import { runLocust } from './locust.js';

export type { EngineRunInput, EngineRunOutput } from './engine-run.js';

export interface FidelityEngine {
  name: EngineName;
  /** true, or why the engine cannot run here. */
  available(): true | string;
  run(input: EngineRunInput): Promise<EngineRunOutput>;
}

export const FIDELITY_ENGINES: Readonly<Record<EngineName, FidelityEngine>> = {
  k6: {
    name: 'k6',
    available: () => (fs.existsSync(k6DoubleBin()) ? true : `the k6 test double is not built (${k6DoubleBin()}): run npm run build`),
    run: runK6,
  },
  locust: {
    name: 'locust',
    available: () => (fs.existsSync(locustBin()) ? true : `Locust is not installed at ${locustBin()}: run bash scripts/install-locust.sh`),
    run: runLocust,
  },
  jmeter: {
    name: 'jmeter',
    available: () => {
      if (!fs.existsSync(jmeterLauncher())) return `JMeter is not installed at ${jmeterLauncher()}: run bash scripts/install-jmeter.sh`;
      return spawnSync('java', ['-version']).status === 0 ? true : 'java is not on PATH';
    },
    run: runJmeter,
  },
};
