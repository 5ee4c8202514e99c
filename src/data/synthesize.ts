import type { Diagnostic, JsonValue, SpecKind } from '../model/index.js';
import { ownValue } from '../openapi/own-keys.js';
import { followRefChain, type RefChain } from '../openapi/schema-refs.js';
import { DATA_DIAGNOSTICS, dataDiagnostic } from './diagnostics.js';
import { appendPointer } from './json-pointer.js';
import { raiseLimitHint, type SynthesisLimits } from './limits.js';
import { synthesizeNumber } from './numbers.js';
import { isObject, mergeSchemas, synthetic, syntheticSchemas } from './schema-merge.js';
import { compileSpecPattern } from './spec-pattern.js';
import { synthesizeString } from './strings.js';
import type { Direction } from './types.js';
import type { DocumentValidator } from './validator.js';

export interface SynthesisEnvironment {
  document: Record<string, unknown>;
  kind: SpecKind;
  direction: Direction;
  file?: string;
  report: (diagnostic: Diagnostic) => void;
  validator: DocumentValidator;
  /**
   * The same document read as plain JSON Schema (readOnly/writeOnly required as written): a
   * oneOf/anyOf value is preferred when both readings accept it. Absent: only `validator` counts.
   */
  literal?: DocumentValidator;
  /** Set after no valid value was found: required parts that cannot be built are left out, to send the closest value. */
  closest?: boolean;
  limits: SynthesisLimits;
  /** What building this one value may still cost; shared by every step, failed branches included. */
  budget: SynthesisBudget;
}

export interface SynthesisBudget {
  steps: number;
  bytes: number;
  /** Set once running out has been reported: one diagnostic, not one per step after it. */
  spentReported?: boolean;
}

export function freshBudget(limits: SynthesisLimits): SynthesisBudget {
  // Each extra property of a minProperties object is a step of its own.
  return { steps: MAX_STEPS + limits.maxObjectProperties, bytes: limits.maxBodyBytes };
}

/** Where the walker is: the schema's pointer and how it got there. */
export interface Frame {
  pointer: string;
  /** How deep the value is (object properties and array items). */
  depth: number;
  /** How many schemas deep the walk is ($refs, allOf/oneOf/anyOf branches, properties, items): bounds the call stack. */
  nesting: number;
  /** Required properties and minItems only: used to end recursion with the smallest value. */
  minimal: boolean;
  /** Non-zero for the n-th item of a `uniqueItems` array, so items differ. */
  variant: number;
  /** The schemas (by the `$ref` that reached them) open on the way here, for every enclosing value. */
  refStack: readonly string[];
  /** The schemas that already apply to this very value (through `$ref` and `allOf`). */
  instanceRefs: readonly string[];
  /** Of those, the ones whose oneOf/anyOf is being decided for this value. */
  deciding: readonly string[];
  /** The `$ref` this schema was reached through (for discriminator values). */
  ref?: string;
  /**
   * Required properties this very value hides (readOnly in a request) are sent anyway: a
   * oneOf branch that requires one is told apart from the others only by it for validators
   * that keep such requirements (see generateChoice).
   */
  withHidden?: boolean;
}

export type Failure = { ok: false; reason: 'recursion' | 'unsatisfiable' | 'too-large'; message?: string };
export type Outcome = { ok: true; value: JsonValue } | Failure;

/** How often one `$ref` may be open inside itself: once normally, a few times to finish a required recursion. */
const SOFT_REF_REPEAT = 1;
const HARD_REF_REPEAT = 3;
const MAX_DEPTH = 32;
/** Schemas nested within one another (refs, combinators, properties); a few per level of value depth. */
const MAX_NESTING = 256;
/** Steps (schemas visited) one value may take, failed attempts included: ends exponential combinations. */
export const MAX_STEPS = 10_000;
/** Optional properties (those the spec illustrates with an example) are added down to this depth. */
const OPTIONAL_DEPTH = 4;
/** Keywords beside a 3.1 `$ref` that do not constrain the value. */
const REF_ANNOTATIONS = ['$ref', 'description', 'summary', 'title'];

const RECURSION: Failure = { ok: false, reason: 'recursion' };

/** A `$ref` with nothing beside it that constrains (in 3.1 its siblings apply with it). */
function isBareRef(node: Record<string, unknown>): boolean {
  return Object.keys(node).every((key) => REF_ANNOTATIONS.includes(key));
}

export function rootFrame(pointer: string): Frame {
  return { pointer, depth: 0, nesting: 0, minimal: false, variant: 0, refStack: [], instanceRefs: [], deciding: [] };
}

/**
 * A value for `schema`, in this order: the schema's own `example`/`examples` and `default`
 * when they validate, `const`, `enum`, then a value built from the schema's constraints.
 */
export function generate(env: SynthesisEnvironment, schema: unknown, frame: Frame): Outcome {
  if (schema === false) return unsatisfiable(env, frame, 'the schema is `false`: no value is valid');
  if (!isObject(schema)) return charged(env, frame, 'example');
  if (frame.depth > MAX_DEPTH || frame.nesting > MAX_NESTING) return RECURSION;
  if (--env.budget.steps < 0) return tooComplex(env, frame);
  if (typeof schema.$ref === 'string') return generateRef(env, schema, frame);
  const fromSpec = specValue(env, schema, frame);
  if (fromSpec !== undefined) return charged(env, frame, fromSpec);
  if (isPlainWrapper(schema)) return generate(env, (schema.allOf as unknown[])[0], nested(frame, appendPointer(frame.pointer, 'allOf', 0)));
  const flat = flatten(env, schema, frame, { merged: new Set(frame.instanceRefs), owner: frame.ref });
  if ('reason' in flat) return flat;
  // A choice one of whose branches already applies to this value is made: the subtype of a
  // polymorphic base that lists its subtypes in oneOf (unless that branch's own choice is
  // what is being decided: `Ping: oneOf [Pong, …]`, `Pong: oneOf [Ping, …]`).
  const settles = (branch: unknown): boolean => {
    const ref = lastRef(env, branch);
    return ref !== undefined && flat.merged.has(ref) && !frame.deciding.includes(ref);
  };
  const groups = flat.groups.filter((group) => !group.branches.some(settles));
  const inner: Frame = { ...frame, instanceRefs: [...flat.merged] };
  if (groups.length > 0) return generateChoice(env, flat.base, groups, inner);
  return generateBase(env, forceDiscriminator(flat.base, frame), inner);
}

function generateRef(env: SynthesisEnvironment, schema: Record<string, unknown>, frame: Frame): Outcome {
  // OpenAPI 3.1 lets keywords sit beside $ref and apply together with it: a chain is followed through bare refs only.
  const is31 = env.kind === 'openapi-3.1';
  const siblings = is31 ? withoutKeys(schema, REF_ANNOTATIONS) : {};
  const chain = followRefChain(env.document, schema, { through: is31 ? isBareRef : undefined });
  if (!chain.ok) return brokenRef(env, chain, frame);
  const ref = chain.lastRef as string;
  const hasSiblings = Object.keys(siblings).length > 0;
  // The schema already applies to this value (an allOf that includes itself): it adds nothing more.
  if (frame.instanceRefs.includes(ref)) return generate(env, hasSiblings ? synthetic(siblings) : {}, nested(frame, frame.pointer));
  const open = frame.refStack.filter((entry) => entry === ref).length;
  if (open >= (frame.minimal ? HARD_REF_REPEAT : SOFT_REF_REPEAT)) return RECURSION;
  const effective = hasSiblings ? synthetic({ allOf: [chain.schema, siblings] }) : chain.schema;
  return generate(env, effective, { ...nested(frame, ref), refStack: [...frame.refStack, ref], instanceRefs: [...frame.instanceRefs, ref], ref });
}

/** A dangling or circular `$ref`: reported, and `{}` stands in for it. */
function brokenRef(env: SynthesisEnvironment, chain: Extract<RefChain, { ok: false }>, frame: Frame): Outcome {
  if (chain.reason === 'unresolved') {
    env.report(dataDiagnostic('unresolvedRef', { message: `Cannot resolve $ref "${chain.ref}"`, pointer: frame.pointer, file: env.file }));
  } else {
    env.report(
      dataDiagnostic('refCycle', {
        message: `The $ref "${chain.ref}" at ${frame.pointer} leads back to itself through other $refs and never reaches a schema`,
        pointer: frame.pointer,
        file: env.file,
      }),
    );
  }
  return charged(env, frame, {});
}

/** One schema deeper, at `pointer`. */
function nested(frame: Frame, pointer: string): Frame {
  return { ...frame, pointer, nesting: frame.nesting + 1 };
}

/** The last `$ref` of the chain from `schema` (what names the schema it ends at). */
function lastRef(env: SynthesisEnvironment, schema: unknown): string | undefined {
  if (!isObject(schema) || typeof schema.$ref !== 'string') return undefined;
  const chain = followRefChain(env.document, schema);
  return chain.ok ? chain.lastRef : undefined;
}

/** The spec's own sample values for this schema, when they validate against it. */
function specValue(env: SynthesisEnvironment, schema: Record<string, unknown>, frame: Frame): JsonValue | undefined {
  const candidates: { value: unknown; where: string }[] = [];
  if (schema.example !== undefined) candidates.push({ value: schema.example, where: 'example' });
  if (Array.isArray(schema.examples)) schema.examples.forEach((value, index) => candidates.push({ value, where: `examples/${index}` }));
  if (schema.default !== undefined) candidates.push({ value: schema.default, where: 'default' });
  for (const candidate of candidates) {
    if (frame.variant > 0 && candidate.where !== 'example') continue;
    const check = syntheticSchemas.has(schema) ? { status: 'valid' as const } : env.validator.validate(schema, candidate.value);
    if (check.status !== 'invalid') return withoutHiddenProperties(env, schema, candidate.value as JsonValue);
    env.report(
      dataDiagnostic('exampleInvalid', {
        message: `The ${candidate.where.startsWith('examples') ? 'example' : candidate.where} at ${frame.pointer}/${candidate.where} does not match its schema: ${check.message}`,
        pointer: `${frame.pointer}/${candidate.where}`,
        file: env.file,
      }),
    );
  }
  return undefined;
}

interface ChoiceGroup {
  kind: 'oneOf' | 'anyOf';
  branches: unknown[];
  discriminator?: Record<string, unknown>;
  /** The schema that holds the group; values are validated against it. */
  source: Record<string, unknown>;
  pointer: string;
  /** The `$ref` that reached `source`, when one did. */
  owner?: string;
}

type Flattened = { base: Record<string, unknown>; groups: ChoiceGroup[]; merged: Set<string> } | Failure;

/**
 * Merges `allOf` into one schema and collects the `oneOf`/`anyOf` choices still to make.
 * `merged` names the schemas already applied to this value: one met again (a subtype that
 * includes its base, which lists the subtype) adds nothing and is skipped, so cycles end.
 */
function flatten(env: SynthesisEnvironment, schema: Record<string, unknown>, frame: Frame, at: { merged: Set<string>; owner?: string }): Flattened {
  const { merged } = at;
  const groups: ChoiceGroup[] = [];
  for (const kind of ['oneOf', 'anyOf'] as const) {
    const branches = schema[kind];
    if (Array.isArray(branches) && branches.length > 0) {
      const discriminator = isObject(schema.discriminator) ? schema.discriminator : undefined;
      groups.push({ kind, branches, discriminator, source: schema, pointer: appendPointer(frame.pointer, kind), owner: at.owner });
    }
  }
  if (!Array.isArray(schema.allOf) && groups.length === 0) return { base: schema, groups, merged };
  let base: Record<string, unknown> = synthetic(withoutKeys(schema, ['allOf', 'oneOf', 'anyOf']));
  const allOf = Array.isArray(schema.allOf) ? schema.allOf : [];
  for (const [index, branch] of allOf.entries()) {
    const branchFrame = nested(frame, appendPointer(frame.pointer, 'allOf', index));
    if (branchFrame.nesting > MAX_NESTING) return RECURSION;
    if (--env.budget.steps < 0) return tooComplex(env, frame);
    const resolved = followRefs(env, branch, branchFrame, merged);
    if ('reason' in resolved) return resolved;
    if (!isObject(resolved.schema)) {
      if (resolved.schema === false) return unsatisfiable(env, resolved.frame, 'an allOf branch is `false`');
      continue;
    }
    const sub = flatten(env, resolved.schema, { ...resolved.frame, ref: undefined }, { merged, owner: resolved.ref });
    if ('reason' in sub) return sub;
    base = mergeSchemas(base, sub.base);
    groups.push(...sub.groups);
  }
  return { base, groups, merged };
}

/** A concrete schema reached through `$ref` whose (inherited) discriminator names it. */
function forceDiscriminator(schema: Record<string, unknown>, frame: Frame): Record<string, unknown> {
  const discriminator = schema.discriminator;
  if (frame.ref === undefined || !isObject(discriminator) || typeof discriminator.propertyName !== 'string') return schema;
  const property = discriminator.propertyName;
  const key = mappingKey(discriminator, frame.ref);
  const properties = isObject(schema.properties) ? schema.properties : {};
  const current = ownValue(properties, property);
  if (!propertyAccepts(current, key)) return schema;
  const required = Array.isArray(schema.required) ? schema.required : [];
  return synthetic({
    ...schema,
    properties: { ...properties, [property]: current === undefined ? { type: 'string', enum: [key] } : synthetic({ allOf: [current, { enum: [key] }] }) },
    required: required.includes(property) ? required : [...required, property],
  });
}

/** False when the property's own enum/const rules the discriminator value out (the spec then names subtypes differently). */
function propertyAccepts(property: unknown, key: string): boolean {
  if (!isObject(property)) return true;
  if ('const' in property) return property.const === key;
  return !Array.isArray(property.enum) || property.enum.includes(key);
}

function acceptsValue(env: SynthesisEnvironment, branch: unknown, property: string, key: string): boolean {
  const resolved = resolveShallow(env.document, branch);
  const properties = resolved !== undefined && isObject(resolved.properties) ? resolved.properties : {};
  const schema = ownValue(properties, property);
  return propertyAccepts(resolveShallow(env.document, schema) ?? schema, key);
}

function mappingKey(discriminator: Record<string, unknown>, ref: string): string {
  const name = lastToken(ref);
  if (isObject(discriminator.mapping)) {
    for (const [key, target] of Object.entries(discriminator.mapping)) {
      if (target === ref || target === name || (typeof target === 'string' && target.endsWith(`/${name}`))) return key;
    }
  }
  return name;
}

/**
 * Tries the branches of the first choice in order (non-null ones first) and keeps the first
 * value the choice accepts, in this order of preference:
 * 1. accepted by OpenAPI's reading and by a literal one (readOnly requirements kept, as Prism 5
 *    keeps them inside branches), leaving readOnly properties out (writeOnly in responses);
 * 2. the same, sending the readOnly properties the branch requires: the only way to tell
 *    such a branch apart for a literal reader;
 * 3. accepted by OpenAPI's reading only (reported: a literal reader refuses it);
 * 4. the first value built (reported: no value matches).
 * The diagnostics of branches that were not kept are dropped: they describe values not sent.
 */
function generateChoice(env: SynthesisEnvironment, base: Record<string, unknown>, groups: ChoiceGroup[], frame: Frame): Outcome {
  const [group, ...rest] = groups;
  const ordered = [...group.branches.filter((b) => !isNullOnly(b)), ...group.branches.filter(isNullOnly)];
  let openApiOnly: Attempt | undefined;
  let withHidden: Attempt | undefined;
  let fallback: Attempt | undefined;
  let lastFailure: Outcome | undefined;
  const deciding = group.owner === undefined ? frame.deciding : [...frame.deciding, group.owner];
  for (const branch of ordered) {
    const index = group.branches.indexOf(branch);
    // A branch that leads back to a schema whose choice is being made for this value is the cycle itself: no value comes from it.
    const branchRef = lastRef(env, branch);
    if (branchRef !== undefined && frame.instanceRefs.includes(branchRef)) {
      lastFailure = RECURSION;
      continue;
    }
    const property = group.discriminator?.propertyName;
    const key = typeof property === 'string' && isObject(branch) && typeof branch.$ref === 'string' ? mappingKey(group.discriminator!, branch.$ref) : undefined;
    const pinned =
      key !== undefined && acceptsValue(env, branch, property as string, key)
        ? synthetic({ allOf: [branch, { properties: { [property as string]: { enum: [key] } }, required: [property] }] })
        : branch;
    const remaining = rest.map((other) => synthetic({ [other.kind]: other.branches, ...(other.discriminator ? { discriminator: other.discriminator } : {}) }));
    const combined = synthetic({ allOf: [base, pinned, ...remaining] });
    const branchFrame: Frame = { ...nested(frame, appendPointer(group.pointer, index)), ref: undefined, deciding };
    const attempt = attempted(env, () => generate(env, combined, branchFrame));
    if (!attempt.outcome.ok) {
      lastFailure = attempt.outcome;
      continue;
    }
    const verdict = judge(env, group, attempt.outcome.value);
    if (verdict === 'both') return settled(env, attempt);
    // Sending the hidden properties the branch requires may tell it apart (only worth a try when the document has such).
    if (withHidden === undefined && !frame.withHidden && env.validator.droppedHiddenRequired) {
      const retry = attempted(env, () => generate(env, combined, { ...branchFrame, withHidden: true }));
      if (retry.outcome.ok && judge(env, group, retry.outcome.value) === 'both') withHidden = retry;
    }
    if (verdict === 'openapi') openApiOnly ??= attempt;
    else fallback ??= attempt;
  }
  if (withHidden !== undefined) return settled(env, withHidden);
  if (openApiOnly !== undefined) {
    const flag = env.direction === 'request' ? 'readOnly' : 'writeOnly';
    env.report(
      dataDiagnostic('hiddenInChoice', {
        message: `At ${group.pointer}: the value perfplan sends matches the ${group.kind} as OpenAPI reads it (${flag} properties are not required), but not as a validator that keeps the requirements of ${flag} properties inside ${group.kind} branches reads it`,
        pointer: group.pointer,
        file: env.file,
      }),
    );
    return settled(env, openApiOnly);
  }
  if (fallback !== undefined) {
    const what = group.kind === 'oneOf' ? 'exactly one oneOf branch' : 'any anyOf branch';
    env.report(dataDiagnostic('oneOfAmbiguous', { message: `No generated value matches ${what} at ${group.pointer}`, pointer: group.pointer, file: env.file }));
    return settled(env, fallback);
  }
  return lastFailure ?? unsatisfiable(env, frame, 'no oneOf/anyOf branch can be generated');
}

/** A value built for one branch, with the diagnostics about it held back until the branch is kept. */
interface Attempt {
  outcome: Outcome;
  diagnostics: Diagnostic[];
}

/** Diagnostics that describe one branch's value: reported only when that value is kept. */
const BRANCH_DIAGNOSTICS: ReadonlySet<string> = new Set([DATA_DIAGNOSTICS.unsatisfiable.code, DATA_DIAGNOSTICS.oneOfAmbiguous.code, DATA_DIAGNOSTICS.hiddenInChoice.code]);

function attempted(env: SynthesisEnvironment, build: () => Outcome): Attempt {
  const report = env.report;
  const diagnostics: Diagnostic[] = [];
  env.report = (diagnostic) => (BRANCH_DIAGNOSTICS.has(diagnostic.code) ? diagnostics.push(diagnostic) : report(diagnostic));
  try {
    return { outcome: build(), diagnostics };
  } finally {
    env.report = report;
  }
}

function settled(env: SynthesisEnvironment, attempt: Attempt): Outcome {
  for (const diagnostic of attempt.diagnostics) env.report(diagnostic);
  return attempt.outcome;
}

/**
 * Which readings accept `value` for the choice: OpenAPI's (the validator's) and the literal one.
 * A choice of one branch is not checked (the value was built from it), nor one perfplan made up.
 */
function judge(env: SynthesisEnvironment, group: ChoiceGroup, value: JsonValue): 'both' | 'openapi' | 'other' {
  if (group.branches.length < 2 || syntheticSchemas.has(group.source)) return 'both';
  if (env.validator.validate(group.source, value).status === 'invalid') return 'other';
  // Until the validator has dropped a hidden requirement somewhere, both readings are the same.
  if (env.literal === undefined || !env.validator.droppedHiddenRequired) return 'both';
  return env.literal.validate(group.source, value).status === 'invalid' ? 'openapi' : 'both';
}

function generateBase(env: SynthesisEnvironment, schema: Record<string, unknown>, frame: Frame): Outcome {
  if ('const' in schema) return charged(env, frame, schema.const as JsonValue);
  const types = typeList(schema);
  const nonNull = types.filter((type) => type !== 'null');
  if (Array.isArray(schema.enum)) return pickEnum(env, schema, nonNull, frame);
  if (types.length > 0 && nonNull.length === 0) return { ok: true, value: null };
  const type = nonNull[0] ?? inferType(schema);
  switch (type) {
    case 'object':
      return generateObject(env, schema, frame);
    case 'array':
      return generateArray(env, schema, frame);
    case 'integer':
    case 'number': {
      const number = synthesizeNumber(schema, type === 'integer', frame.variant);
      return number.ok ? charged(env, frame, number.value) : unsatisfiable(env, frame, number.message);
    }
    case 'boolean':
      return charged(env, frame, frame.variant % 2 === 0);
    case 'string': {
      const text = synthesizeString(schema, frame.variant, env.limits.maxStringLength);
      if ('tooLarge' in text) return tooLarge(env, frame, text.message, 'maxStringLength');
      if (!text.ok) env.report(dataDiagnostic('unsatisfiable', { message: `At ${frame.pointer}: ${text.message}`, pointer: frame.pointer, file: env.file }));
      if (text.ok && text.unchecked !== undefined) {
        env.report(dataDiagnostic('patternUnchecked', { message: `At ${frame.pointer}: pattern ${String(schema.pattern)} is not run: ${text.unchecked}`, pointer: frame.pointer, file: env.file }));
      }
      return charged(env, frame, text.value);
    }
    default:
      return charged(env, frame, 'example');
  }
}

function pickEnum(env: SynthesisEnvironment, schema: Record<string, unknown>, types: string[], frame: Frame): Outcome {
  const values = (schema.enum as JsonValue[]).filter((value) => types.length === 0 || types.some((type) => matchesType(value, type)));
  const nonNull = values.filter((value) => value !== null);
  const pool = nonNull.length > 0 ? nonNull : values.length > 0 ? values : schema.nullable === true && (schema.enum as unknown[]).includes(null) ? [null] : [];
  if (pool.length === 0) return unsatisfiable(env, frame, (schema.enum as unknown[]).length === 0 ? 'the enum is empty (or allOf branches share no value)' : 'no enum value has the schema\'s type');
  return charged(env, frame, pool[frame.variant % pool.length]);
}

function generateObject(env: SynthesisEnvironment, schema: Record<string, unknown>, frame: Frame): Outcome {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const declared = (name: string): boolean => Object.prototype.hasOwnProperty.call(properties, name);
  const required = Array.isArray(schema.required) ? [...new Set(schema.required.filter((name): name is string => typeof name === 'string'))] : [];
  const minProperties = typeof schema.minProperties === 'number' ? Math.ceil(schema.minProperties) : 0;
  const limit = env.limits.maxObjectProperties;
  if (minProperties > limit) return tooLarge(env, frame, `minProperties ${schema.minProperties} is more than the limit of ${limit} properties`, 'maxObjectProperties');
  if (required.length > limit) return tooLarge(env, frame, `${required.length} required properties are more than the limit of ${limit} properties`, 'maxObjectProperties');
  const requiredSet = new Set(required);
  const chosen: string[] = [];
  const withOptional = !frame.minimal && frame.depth < OPTIONAL_DEPTH;
  for (const [name, property] of Object.entries(properties)) {
    if (isHidden(env, property) && !(frame.withHidden && requiredSet.has(name))) continue;
    if (requiredSet.has(name) || (withOptional && isIllustrated(env, property))) chosen.push(name);
  }
  for (const name of required) if (!declared(name)) chosen.push(name);
  addDependentRequired(schema, chosen, (name) => isHidden(env, declared(name) ? properties[name] : undefined));

  // A Map keeps `__proto__`, `constructor` and the like as ordinary property names.
  const value = new Map<string, JsonValue>();
  const add = (name: string, isRequired: boolean): Failure | undefined => {
    if (value.size >= limit) return isRequired ? tooLarge(env, frame, `the object needs more than the limit of ${limit} properties`, 'maxObjectProperties') : undefined;
    const childSchema = declared(name) ? properties[name] : extraPropertySchema(schema, name);
    const child: Frame = { ...nested(frame, appendPointer(frame.pointer, 'properties', name)), ref: undefined, depth: frame.depth + 1, instanceRefs: [], deciding: [], withHidden: false };
    if (!spend(env, name.length + 4)) return isRequired ? budgetSpent(env, frame, bodyLimitMessage(env), 'maxBodyBytes') : undefined;
    let result = generate(env, childSchema, child);
    if (!result.ok && result.reason === 'recursion' && isRequired && !frame.minimal) result = generate(env, childSchema, { ...child, minimal: true });
    if (result.ok) value.set(name, result.value);
    else if (isRequired && !(env.closest && result.reason === 'unsatisfiable')) return result;
    return undefined;
  };
  for (const name of chosen) {
    const failure = add(name, requiredSet.has(name));
    if (failure) return failure;
  }
  for (const name of Object.keys(properties)) {
    if (value.size >= minProperties) break;
    if (!value.has(name) && !isHidden(env, properties[name])) add(name, false);
  }
  for (let extra = 1; value.size < minProperties && schema.additionalProperties !== false && extra <= minProperties; extra++) {
    if (!value.has(`property${extra}`)) add(`property${extra}`, false);
    if (env.budget.steps < 0 || env.budget.bytes < 0) break;
  }
  if (value.size < minProperties) {
    if (env.budget.steps < 0) return tooComplex(env, frame);
    if (env.budget.bytes < 0) return budgetSpent(env, frame, bodyLimitMessage(env), 'maxBodyBytes');
    return unsatisfiable(env, frame, `cannot build an object with ${minProperties} properties`);
  }
  if (typeof schema.maxProperties === 'number' && value.size > schema.maxProperties) {
    for (const name of [...value.keys()].reverse()) {
      if (value.size <= schema.maxProperties) break;
      if (!requiredSet.has(name)) value.delete(name);
    }
    if (value.size > schema.maxProperties) return unsatisfiable(env, frame, `more required properties than maxProperties ${schema.maxProperties}`);
  }
  return { ok: true, value: Object.fromEntries(value) };
}

function generateArray(env: SynthesisEnvironment, schema: Record<string, unknown>, frame: Frame): Outcome {
  const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
  const minItems = typeof schema.minItems === 'number' ? Math.ceil(schema.minItems) : 0;
  const limit = env.limits.maxArrayItems;
  if (minItems > limit && minItems <= maxItems) return tooLarge(env, frame, `minItems ${schema.minItems} is more than the limit of ${limit} items`, 'maxArrayItems');
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : [];
  const rest = Array.isArray(schema.items) ? schema.additionalItems : Array.isArray(schema.prefixItems) ? schema.items : schema.items;
  let count = Math.min(frame.minimal ? minItems : Math.max(minItems, 1), maxItems, limit);
  if (rest === false) count = Math.min(count, prefix.length);
  if (schema.contains !== undefined && count === 0 && maxItems > 0) count = 1;
  const unique = schema.uniqueItems === true;
  const items: JsonValue[] = [];
  // Items after the prefix share one schema and frame, so they are the same value: built once (a long minItems costs bytes, not steps).
  let repeated: JsonValue | undefined;
  for (let index = 0; index < count; index++) {
    if (repeated !== undefined) {
      if (!spend(env, sizeOf(repeated))) return budgetSpent(env, frame, bodyLimitMessage(env), 'maxBodyBytes');
      items.push(repeated);
      continue;
    }
    let itemSchema = index < prefix.length ? prefix[index] : rest;
    if (index === 0 && schema.contains !== undefined) itemSchema = itemSchema === undefined ? schema.contains : synthetic({ allOf: [itemSchema, schema.contains] });
    const child: Frame = {
      ...nested(frame, appendPointer(frame.pointer, index < prefix.length ? `prefixItems/${index}` : 'items')),
      ref: undefined,
      depth: frame.depth + 1,
      variant: unique ? index : frame.variant,
      instanceRefs: [],
      deciding: [],
      withHidden: false,
    };
    let result = generate(env, itemSchema, child);
    if (!result.ok && index >= minItems) break;
    if (!result.ok && result.reason === 'recursion' && !frame.minimal) result = generate(env, itemSchema, { ...child, minimal: true });
    if (!result.ok) return result;
    items.push(result.value);
    if (!unique && index >= prefix.length && !(index === 0 && schema.contains !== undefined)) repeated = result.value;
  }
  if (unique && new Set(items.map((item) => JSON.stringify(item))).size !== items.length) {
    return unsatisfiable(env, frame, `cannot build ${count} distinct items`);
  }
  return { ok: true, value: items };
}

function followRefs(env: SynthesisEnvironment, schema: unknown, frame: Frame, merged: Set<string>): { schema: unknown; frame: Frame; ref?: string } | Failure {
  if (!isObject(schema) || typeof schema.$ref !== 'string') return { schema, frame };
  const chain = followRefChain(env.document, schema);
  if (!chain.ok) {
    brokenRef(env, chain, frame);
    return { schema: {}, frame };
  }
  const ref = chain.lastRef as string;
  if (merged.has(ref)) return { schema: {}, frame };
  if (frame.refStack.filter((entry) => entry === ref).length >= (frame.minimal ? HARD_REF_REPEAT : SOFT_REF_REPEAT)) return RECURSION;
  merged.add(ref);
  return { schema: chain.schema, frame: { ...frame, pointer: ref, refStack: [...frame.refStack, ref] }, ref };
}

/** Follows `$ref`s and single-branch allOf wrappers without generating anything. */
export function resolveShallow(document: Record<string, unknown>, schema: unknown): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  walkShallow(document, schema, (node) => {
    if (typeof node.$ref === 'string' || isPlainWrapper(node)) return true;
    found = node;
    return false;
  });
  return found;
}

/**
 * Visits `schema` and what its `$ref`s and allOf wrappers lead to, in order, while `visit`
 * returns true; a cycle or a dangling ref ends the walk.
 */
function walkShallow(document: Record<string, unknown>, schema: unknown, visit: (node: Record<string, unknown>) => boolean): void {
  const seen = new Set<object>();
  let current = schema;
  while (isObject(current) && !seen.has(current)) {
    seen.add(current);
    if (!visit(current)) return;
    if (typeof current.$ref === 'string') {
      const chain = followRefChain(document, { $ref: current.$ref });
      current = chain.ok ? chain.schema : undefined;
    } else if (isPlainWrapper(current)) {
      current = (current.allOf as unknown[])[0];
    } else {
      return;
    }
  }
}

/** readOnly properties are not sent in requests, writeOnly ones not expected in responses. */
function isHidden(env: SynthesisEnvironment, schema: unknown): boolean {
  const flag = env.direction === 'request' ? 'readOnly' : 'writeOnly';
  let hidden = false;
  walkShallow(env.document, schema, (node) => {
    hidden = node[flag] === true;
    return !hidden;
  });
  return hidden;
}

/** An optional property is sent when the spec shows a sample value for it (cheap, and what a real client sends). */
function isIllustrated(env: SynthesisEnvironment, schema: unknown): boolean {
  const resolved = isObject(schema) && schema.example !== undefined ? schema : resolveShallow(env.document, schema);
  return resolved !== undefined && (resolved.example !== undefined || (Array.isArray(resolved.examples) && resolved.examples.length > 0));
}

function withoutHiddenProperties(env: SynthesisEnvironment, schema: Record<string, unknown>, value: JsonValue): JsonValue {
  const resolved = resolveShallow(env.document, schema);
  if (!isObject(value) || resolved === undefined || !isObject(resolved.properties)) return value;
  const properties = resolved.properties;
  const hidden = Object.keys(value).filter((name) => Object.prototype.hasOwnProperty.call(properties, name) && isHidden(env, properties[name]));
  if (hidden.length === 0) return value;
  return Object.fromEntries(Object.entries(value).filter(([name]) => !hidden.includes(name)));
}

function addDependentRequired(schema: Record<string, unknown>, chosen: string[], hidden: (name: string) => boolean): void {
  const sources = [schema.dependentRequired, schema.dependencies].filter(isObject);
  for (let index = 0; index < chosen.length; index++) {
    for (const source of sources) {
      const needed = ownValue(source, chosen[index]);
      if (!Array.isArray(needed)) continue;
      for (const name of needed) if (typeof name === 'string' && !chosen.includes(name) && !hidden(name)) chosen.push(name);
    }
  }
}

function extraPropertySchema(schema: Record<string, unknown>, name: string): unknown {
  if (isObject(schema.patternProperties)) {
    for (const [pattern, child] of Object.entries(schema.patternProperties)) {
      const compiled = compileSpecPattern(pattern);
      // An invalid pattern matches nothing.
      if (!('invalid' in compiled) && compiled.test(name)) return child;
    }
  }
  return isObject(schema.additionalProperties) ? schema.additionalProperties : true;
}

/** `allOf: [X]` with nothing else that constrains: a wrapper people use to annotate a $ref. */
function isPlainWrapper(schema: Record<string, unknown>): boolean {
  if (!Array.isArray(schema.allOf) || schema.allOf.length !== 1) return false;
  const annotations = new Set(['allOf', 'description', 'title', 'summary', 'nullable', 'readOnly', 'writeOnly', 'deprecated', 'xml', 'externalDocs']);
  return Object.keys(schema).every((key) => annotations.has(key) || key.startsWith('x-'));
}

function typeList(schema: Record<string, unknown>): string[] {
  const types = Array.isArray(schema.type) ? schema.type.map(String) : typeof schema.type === 'string' ? [schema.type] : [];
  return types.map((type) => (type === 'file' ? 'string' : type));
}

function inferType(schema: Record<string, unknown>): string | undefined {
  const has = (...keys: string[]): boolean => keys.some((key) => schema[key] !== undefined);
  if (has('properties', 'required', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties')) return 'object';
  if (has('items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems', 'contains')) return 'array';
  if (has('minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf')) return 'number';
  if (typeof schema.format === 'string' && ['int32', 'int64'].includes(schema.format)) return 'integer';
  if (typeof schema.format === 'string' && ['float', 'double'].includes(schema.format)) return 'number';
  if (has('pattern', 'minLength', 'maxLength', 'format', 'contentEncoding', 'contentMediaType')) return 'string';
  return undefined;
}

function matchesType(value: JsonValue, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return true;
  }
}

function isNullOnly(schema: unknown): boolean {
  return isObject(schema) && (schema.type === 'null' || (Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === null));
}

/** Takes `bytes` from the value's size budget; false once it is spent. */
function spend(env: SynthesisEnvironment, bytes: number): boolean {
  env.budget.bytes -= bytes;
  return env.budget.bytes >= 0;
}

const sizes = new WeakMap<object, number>();

/** About the JSON size of a value (cached for spec values, which are reused). */
function sizeOf(value: JsonValue): number {
  if (typeof value === 'string') return value.length + 2;
  if (value === null || typeof value !== 'object') return String(value).length;
  let size = sizes.get(value);
  if (size === undefined) {
    size = JSON.stringify(value)?.length ?? 0;
    sizes.set(value, size);
  }
  return size;
}

/** `value` as the outcome, when the value's size budget still has room for it. */
function charged(env: SynthesisEnvironment, frame: Frame, value: JsonValue): Outcome {
  if (spend(env, sizeOf(value))) return { ok: true, value };
  return budgetSpent(env, frame, bodyLimitMessage(env), 'maxBodyBytes');
}

function bodyLimitMessage(env: SynthesisEnvironment): string {
  return `the value needs more than the limit of ${env.limits.maxBodyBytes} bytes`;
}

/** A constraint that needs more than a limit allows: reported where it is, and the value fails. */
function tooLarge(env: SynthesisEnvironment, frame: Frame, message: string, limit: keyof SynthesisLimits): Failure {
  const text = `At ${frame.pointer}: ${message}; ${raiseLimitHint(limit)}`;
  env.report(dataDiagnostic('sizeLimit', { message: text, pointer: frame.pointer, file: env.file }));
  return { ok: false, reason: 'too-large', message: text };
}

/** The value's budget ran out: reported where it happened, once; every step after it fails quietly. */
function budgetSpent(env: SynthesisEnvironment, frame: Frame, message: string, limit: keyof SynthesisLimits): Failure {
  const text = `At ${frame.pointer}: ${message}; ${raiseLimitHint(limit)}`;
  if (!env.budget.spentReported) env.report(dataDiagnostic('sizeLimit', { message: text, pointer: frame.pointer, file: env.file }));
  env.budget.spentReported = true;
  return { ok: false, reason: 'too-large', message: text };
}

/** The schema combines into more alternatives than perfplan tries for one value. */
function tooComplex(env: SynthesisEnvironment, frame: Frame): Failure {
  const text = `At ${frame.pointer}: the schema combines into more alternatives than perfplan tries for one value (${MAX_STEPS} steps)`;
  if (!env.budget.spentReported) env.report(dataDiagnostic('tooComplex', { message: text, pointer: frame.pointer, file: env.file }));
  env.budget.spentReported = true;
  return { ok: false, reason: 'too-large', message: text };
}

function unsatisfiable(env: SynthesisEnvironment, frame: Frame, message: string): { ok: false; reason: 'unsatisfiable' } {
  env.report(dataDiagnostic('unsatisfiable', { message: `At ${frame.pointer}: ${message}`, pointer: frame.pointer, file: env.file }));
  return { ok: false, reason: 'unsatisfiable' };
}

function withoutKeys(schema: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !keys.includes(key)));
}

function lastToken(ref: string): string {
  const token = ref.slice(ref.lastIndexOf('/') + 1);
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}
