export type * from './json.js';
export type * from './diagnostic.js';
export type * from './api-model.js';
export type * from './analysis.js';
export type * from './test-plan.js';
export { HTTP_METHODS } from './api-model.js';
export { RUN_SEED_ENV, TEST_TYPE_TITLES, TEST_TYPES, WEIGHT_LIMITS } from './test-plan.js';
