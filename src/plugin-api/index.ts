/**
 * The published plugin contract, imported as `perfplan/plugin`. First-party plugins use
 * exactly this and nothing else of perfplan.
 */
export { defineAnalyzer, defineContainerModule, defineProfileStrategy, defineRenderer, defineResultReader } from './define.js';
export { PLUGIN_TOKENS, TOKENS } from './tokens.js';
export { isFileMarker } from './file-marker.js';
export { bodyKind } from './body-kind.js';
export type { BodyKind } from './body-kind.js';
export { parseExtraction, parseInjection, pointerTokens } from './runtime-expressions.js';
export type { ExtractionSource, InjectionTarget, ParsedExtraction, ParsedInjection } from './runtime-expressions.js';
export { commentText, isXmlRepresentable, jsKey, jsLiteral, jsString, pyLiteral, shellQuote, xmlEscape } from './escape.js';
export { GENERATED_NOTICE, planSourceComment, PYTHON_CODING_LINE } from './file-header.js';
export { asTextFile } from './text-file.js';
export { PLAN_RENDERER } from './plan-renderer.js';
export { staticFiles } from './static-files.js';
export { feederCsv } from './feeder.js';
export { isHeaderName, requestAuthPlans, sendableParameters } from './request-parts.js';
export type * from './types.js';
export type * from './services.js';
export type * from './results.js';
export { resultsError } from './results-error.js';
export { describeCode, ERROR_CATALOG } from '../errors/catalog.js';
export type { CodeInfo, ErrorCode } from '../errors/catalog.js';
export { parseCsv } from './csv.js';
export type * from '../model/index.js';
export { HTTP_METHODS, RUN_SEED_ENV, TEST_TYPE_TITLES, TEST_TYPES, WEIGHT_LIMITS } from '../model/index.js';
export { boundedWeight, gcd, integerWeights, mergeTargets } from './weights.js';
export { weightedCycle } from './weighted-cycle.js';
export { requestsByOperation, testCaseCalls } from './test-case-view.js';
export type { TargetCall, TestCaseCalls } from './test-case-view.js';
export { closedProfile, GLOBAL_DEFAULTS, openProfile, rampHoldStages, resolveOptions } from './profile-shape.js';
export type { LoadOptions } from './profile-shape.js';
export { closedLoadModel, DEFAULT_THROUGHPUT_TOLERANCE, labelledWindow, openLoadModel, stageWindows, totalSeconds } from './load-model.js';
export type { LoadModelInput } from './load-model.js';
export { SPIKE_FACTOR, spikeStages, spikeUsersOf, stressStages } from './stage-shapes.js';
export type { SpikeShape, StressShape } from './stage-shapes.js';
export { nounFor, plural } from './plural.js';
export * from './wire/index.js';
