import type { ProfileStrategy } from '../plugin-api/index.js';
import { criticalPathStrategy, dataIntensiveStrategy, standardStrategy } from './load-strategies.js';
import { mixedStrategy, soakStrategy, spikeStrategy, stressStrategy } from './system-strategies.js';
import { workflowStrategy } from './workflows/workflow-strategy.js';

export { closedProfile, GLOBAL_DEFAULTS, openProfile, rampHoldStages, resolveOptions } from '../plugin-api/profile-shape.js';
export { closedLoadModel, DEFAULT_THROUGHPUT_TOLERANCE, labelledWindow, openLoadModel, stageWindows, totalSeconds } from '../plugin-api/load-model.js';
export { makeTestCaseId } from './test-case-id.js';

export const builtinProfileStrategies: readonly ProfileStrategy[] = [
  standardStrategy,
  criticalPathStrategy,
  dataIntensiveStrategy,
  stressStrategy,
  spikeStrategy,
  mixedStrategy,
  soakStrategy,
  workflowStrategy,
];

export { CATEGORY_WEIGHTS } from './system-strategies.js';
export { SPIKE_FACTOR, spikeStages, stressStages } from '../plugin-api/stage-shapes.js';
