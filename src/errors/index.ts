export { ExitCode, PerfplanError, isPerfplanError } from './perfplan-error.js';
export type { ErrorProblem, ExitCodeValue, PerfplanErrorOptions } from './perfplan-error.js';
