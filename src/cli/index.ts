export { PerfplanCommand } from './base-command.js';
export type { Session } from './base-command.js';
export { formatError } from './format-error.js';
export { jsonFlag, planFlags, specArg } from './flags.js';
