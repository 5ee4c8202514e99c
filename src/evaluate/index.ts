export { parseCsv } from './csv.js';
export { evaluatePlan, type CriterionResult, type Evaluation, type TestCaseEvaluation } from './evaluate-plan.js';
export { readJmeterJtl, threadGroupOf, JMETER_CHECK_PREFIX, JMETER_TOKEN_PREFIX, JMETER_WORKFLOW_PREFIX } from './jmeter-jtl.js';
export { junitReport } from './junit.js';
export { RESULTS_READERS } from './readers.js';
export { evaluationText } from './report-text.js';
export { readPlanFile } from './plan-input.js';
export type { ResultsReader, Sample } from './samples.js';
export { percentile, windowStats } from './statistics.js';
