export { checkSamples } from './check-samples.js';
export { evaluatePlan, type CriterionResult, type Evaluation, type TestCaseEvaluation } from './evaluate-plan.js';
export { runContext, caseStartMs, scriptId, type RunContext } from './run-context.js';
export { breakingPointResults } from './stress.js';
export { junitReport } from './junit.js';
export { evaluationText } from './report-text.js';
export { readPlanFile } from './plan-input.js';
export { completeSample, type ResultSample, type RunInfo, type Sample } from './samples.js';
export { percentile, windowStats } from './statistics.js';
