import { TEST_TYPES, WEIGHT_LIMITS } from '../model/index.js';

/**
 * JSON Schema of `UserConfig`. `x-expected` is an annotation (registered with ajv) that gives the
 * human wording of what a value must be, used in error messages instead of ajv's defaults.
 * `plugins` entries may be functions-bearing objects, which JSON Schema cannot describe, so their
 * shape is checked in code (plugin-shape.ts).
 */

const positiveInteger = { type: 'integer', minimum: 1, 'x-expected': 'integer >= 1' } as const;
const positiveNumber = { type: 'number', exclusiveMinimum: 0, 'x-expected': 'number > 0' } as const;
const nonNegativeNumber = { type: 'number', minimum: 0, 'x-expected': 'number >= 0' } as const;
const weight = {
  type: 'number',
  minimum: WEIGHT_LIMITS.min,
  maximum: WEIGHT_LIMITS.max,
  'x-expected': `number from ${WEIGHT_LIMITS.min} to ${WEIGHT_LIMITS.max}`,
} as const;
const nonEmptyString = { type: 'string', minLength: 1, 'x-expected': 'non-empty string' } as const;

export const PROFILE_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    virtualUsers: positiveInteger,
    maxUsers: positiveInteger,
    durationSeconds: positiveNumber,
    rampUpSeconds: nonNegativeNumber,
    rampDownSeconds: nonNegativeNumber,
    thinkTimeSeconds: nonNegativeNumber,
    expectedResponseTimeMs: positiveNumber,
    p95Ms: positiveNumber,
    meanMs: positiveNumber,
    maxMs: positiveNumber,
    errorRate: { type: 'number', minimum: 0, maximum: 1, 'x-expected': 'number between 0 and 1 (a fraction: 0.01 = 1 %)' },
    targetRps: positiveNumber,
    minThroughputRps: nonNegativeNumber,
    throughputTolerance: { type: 'number', minimum: 0, exclusiveMaximum: 1, 'x-expected': 'number from 0 up to (not including) 1 (0.05 = at least 95 % of the expected rate)' },
    spikeUsers: positiveInteger,
    baselineSeconds: nonNegativeNumber,
    spikeSeconds: positiveNumber,
    recoverySeconds: nonNegativeNumber,
    steps: positiveInteger,
    windowSeconds: positiveNumber,
  },
  not: { required: ['targetRps', 'minThroughputRps'], properties: { targetRps: true, minThroughputRps: true } },
  'x-expected': 'object of profile options, with targetRps (the offered rate) or minThroughputRps (the rate to reach), not both',
} as const;

const operationFilter = {
  type: 'string',
  pattern: '^(tag:\\S.*|[A-Za-z]+ /\\S*|[^\\s]+)$',
  'x-expected': 'string: an operationId, `tag:NAME` or `METHOD /path/glob` (for example `GET /pets/*`)',
} as const;

const stringList = (items: object) => ({ type: 'array', items }) as const;

const ROUTING_SELECTORS = 'testType, categories, tags, operations';

const routingRule = {
  type: 'object',
  additionalProperties: false,
  properties: {
    testType: { type: 'string', enum: [...TEST_TYPES], 'x-expected': `one of ${TEST_TYPES.join(', ')}` },
    categories: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', enum: ['standard', 'critical', 'data_intensive'], 'x-expected': 'one of standard, critical, data_intensive' },
    },
    tags: { type: 'array', uniqueItems: true, items: nonEmptyString },
    operations: { type: 'array', uniqueItems: true, items: operationFilter },
  },
  'x-expected': `object with any of ${ROUTING_SELECTORS} (an operation matching every key given is routed to the strategy)`,
} as const;

const optionsByName = {
  type: 'object',
  additionalProperties: { type: 'object', 'x-expected': 'object of options' },
} as const;

export const USER_CONFIG_SCHEMA = {
  $id: 'https://perfplan.dev/schemas/config.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    spec: nonEmptyString,
    output: nonEmptyString,
    baseUrl: {
      type: 'string',
      pattern: '^https?://\\S+$',
      'x-expected': 'http(s) URL string such as https://api.example.com',
    },
    engines: { type: 'array', uniqueItems: true, items: nonEmptyString },
    plugins: { type: 'array' },
    profiles: { type: 'object', additionalProperties: PROFILE_OPTIONS_SCHEMA },
    routing: { type: 'object', additionalProperties: routingRule, 'x-expected': 'object of routing rules by profile strategy name' },
    analyzers: optionsByName,
    renderOptions: optionsByName,
    include: stringList(operationFilter),
    exclude: stringList(operationFilter),
    types: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', enum: [...TEST_TYPES], 'x-expected': `one of ${TEST_TYPES.join(', ')}` },
    },
    workflows: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'steps'],
        properties: {
          name: nonEmptyString,
          steps: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['operationId'],
              properties: { operationId: nonEmptyString, weight },
            },
          },
        },
      },
    },
    allowExternalRefs: { type: 'boolean' },
    allowRemoteRefs: { type: 'boolean' },
    timeScale: { type: 'number', exclusiveMinimum: 0, maximum: 100, 'x-expected': 'number above 0 and at most 100 (0.05 = 20 times shorter)' },
    dataLimits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxStringLength: positiveInteger,
        maxArrayItems: positiveInteger,
        maxObjectProperties: positiveInteger,
        maxBodyBytes: positiveInteger,
      },
    },
    data: {
      type: 'object',
      additionalProperties: false,
      properties: {
        seed: { type: 'integer', minimum: 0, maximum: 4294967295, 'x-expected': 'integer from 0 to 4294967295' },
        feederRows: { type: 'integer', minimum: 1, maximum: 10000, 'x-expected': 'integer from 1 to 10000' },
        uploadBytes: positiveInteger,
        bulkItems: positiveInteger,
      },
    },
  },
} as const;

export const CONFIG_KEYS: readonly string[] = Object.keys(USER_CONFIG_SCHEMA.properties);
