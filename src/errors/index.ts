export { ExitCode, PerfplanError, isPerfplanError } from './perfplan-error.js';
export type { ExitCodeValue, PerfplanErrorOptions } from './perfplan-error.js';
