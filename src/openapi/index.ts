export { loadSpec } from './load-spec.js';
export type { LoadSpecOptions, LoadedSpec } from './load-spec.js';
export { SpecDiagnosticCode } from './diagnostics.js';
export { deriveOperationId } from './operation-ids.js';
export { resolveLocalPointer, pointerOf } from './json-pointer.js';
export { UNRESOLVED_REF_KEY } from './ref-policy.js';
export { DEFAULT_SPEC_LIMITS, SPEC_LIMIT_ENV, resolveSpecLimits } from './spec-limits.js';
export type { SpecLimits } from './spec-limits.js';
