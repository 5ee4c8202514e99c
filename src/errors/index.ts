export { ExitCode, PerfplanError, isPerfplanError } from './perfplan-error.js';
export { describeCode, ERROR_CATALOG } from './catalog.js';
export type { CodeInfo, ErrorCode } from './catalog.js';
export type { ErrorProblem, ExitCodeValue, PerfplanErrorOptions } from './perfplan-error.js';
