import type { Diagnostic, JsonValue, SpecKind } from '../model/index.js';
import { dataDiagnostic } from './diagnostics.js';
import { appendPointer, resolvePointer } from './json-pointer.js';
import { synthesizeNumber } from './numbers.js';
import { isObject, mergeSchemas, synthetic, syntheticSchemas } from './schema-merge.js';
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
}

/** Where the walker is: the schema's pointer and how it got there. */
export interface Frame {
  pointer: string;
  depth: number;
  /** Required properties and minItems only: used to end recursion with the smallest value. */
  minimal: boolean;
  /** Non-zero for the n-th item of a `uniqueItems` array, so items differ. */
  variant: number;
  refStack: readonly string[];
  /** The `$ref` this schema was reached through (for discriminator values). */
  ref?: string;
}

export type Outcome = { ok: true; value: JsonValue } | { ok: false; reason: 'recursion' | 'unsatisfiable' };

/** How often one `$ref` may be open inside itself: once normally, a few times to finish a required recursion. */
const SOFT_REF_REPEAT = 1;
const HARD_REF_REPEAT = 3;
const MAX_DEPTH = 32;
/** Optional properties (those the spec illustrates with an example) are added down to this depth. */
const OPTIONAL_DEPTH = 4;

export function rootFrame(pointer: string): Frame {
  return { pointer, depth: 0, minimal: false, variant: 0, refStack: [] };
}

/**
 * A value for `schema`, in this order: the schema's own `example`/`examples` and `default`
 * when they validate, `const`, `enum`, then a value built from the schema's constraints.
 */
export function generate(env: SynthesisEnvironment, schema: unknown, frame: Frame): Outcome {
  if (schema === false) return unsatisfiable(env, frame, 'the schema is `false`: no value is valid');
  if (!isObject(schema)) return { ok: true, value: 'example' };
  if (frame.depth > MAX_DEPTH) return { ok: false, reason: 'recursion' };
  if (typeof schema.$ref === 'string') return generateRef(env, schema, frame);
  const fromSpec = specValue(env, schema, frame);
  if (fromSpec !== undefined) return { ok: true, value: fromSpec };
  if (isPlainWrapper(schema)) return generate(env, (schema.allOf as unknown[])[0], { ...frame, pointer: appendPointer(frame.pointer, 'allOf', 0) });
  const flat = flatten(env, schema, frame);
  if ('reason' in flat) return flat;
  if (flat.groups.length > 0) return generateChoice(env, flat.base, flat.groups, frame);
  return generateBase(env, flat.base, frame);
}

function generateRef(env: SynthesisEnvironment, schema: Record<string, unknown>, frame: Frame): Outcome {
  const ref = schema.$ref as string;
  const target = ref.startsWith('#') ? resolvePointer(env.document, ref) : undefined;
  if (target === undefined) {
    env.report(dataDiagnostic('unresolvedRef', { message: `Cannot resolve $ref "${ref}"`, pointer: frame.pointer, file: env.file }));
    return { ok: true, value: {} };
  }
  const open = frame.refStack.filter((entry) => entry === ref).length;
  if (open >= (frame.minimal ? HARD_REF_REPEAT : SOFT_REF_REPEAT)) return { ok: false, reason: 'recursion' };
  // OpenAPI 3.1 lets keywords sit beside $ref and apply together with it.
  const siblings = env.kind === 'openapi-3.1' ? withoutKeys(schema, ['$ref', 'description', 'summary', 'title']) : {};
  const effective = Object.keys(siblings).length > 0 ? synthetic({ allOf: [target, siblings] }) : target;
  return generate(env, effective, { ...frame, pointer: ref, refStack: [...frame.refStack, ref], ref });
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
}

type Flattened = { base: Record<string, unknown>; groups: ChoiceGroup[] } | { ok: false; reason: 'recursion' | 'unsatisfiable' };

/** Merges `allOf` into one schema and collects the `oneOf`/`anyOf` choices still to make. */
function flatten(env: SynthesisEnvironment, schema: Record<string, unknown>, frame: Frame): Flattened {
  const groups: ChoiceGroup[] = [];
  for (const kind of ['oneOf', 'anyOf'] as const) {
    const branches = schema[kind];
    if (Array.isArray(branches) && branches.length > 0) {
      groups.push({ kind, branches, discriminator: isObject(schema.discriminator) ? schema.discriminator : undefined, source: schema, pointer: appendPointer(frame.pointer, kind) });
    }
  }
  if (!Array.isArray(schema.allOf) && groups.length === 0) return { base: forceDiscriminator(schema, frame), groups };
  let base: Record<string, unknown> = synthetic(withoutKeys(schema, ['allOf', 'oneOf', 'anyOf']));
  const allOf = Array.isArray(schema.allOf) ? schema.allOf : [];
  for (const [index, branch] of allOf.entries()) {
    const resolved = followRefs(env, branch, { ...frame, pointer: appendPointer(frame.pointer, 'allOf', index) });
    if ('reason' in resolved) return resolved;
    if (!isObject(resolved.schema)) {
      if (resolved.schema === false) return unsatisfiable(env, resolved.frame, 'an allOf branch is `false`');
      continue;
    }
    const sub = flatten(env, resolved.schema, { ...resolved.frame, ref: undefined });
    if ('reason' in sub) return sub;
    base = mergeSchemas(base, sub.base);
    // A polymorphic base lists its subtypes in oneOf; inside a subtype that list is not a choice.
    groups.push(...sub.groups.filter((group) => !(frame.ref !== undefined && group.discriminator && group.branches.some((b) => isObject(b) && b.$ref === frame.ref))));
  }
  return { base: groups.length === 0 ? forceDiscriminator(base, frame) : base, groups };
}

/** A concrete schema reached through `$ref` whose (inherited) discriminator names it. */
function forceDiscriminator(schema: Record<string, unknown>, frame: Frame): Record<string, unknown> {
  const discriminator = schema.discriminator;
  if (frame.ref === undefined || !isObject(discriminator) || typeof discriminator.propertyName !== 'string') return schema;
  const property = discriminator.propertyName;
  const key = mappingKey(discriminator, frame.ref);
  const properties = isObject(schema.properties) ? schema.properties : {};
  const current = properties[property];
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
  return propertyAccepts(resolveShallow(env.document, properties[property]) ?? properties[property], key);
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

/** Tries the branches of the first choice in order (non-null ones first); the first valid value wins. */
function generateChoice(env: SynthesisEnvironment, base: Record<string, unknown>, groups: ChoiceGroup[], frame: Frame): Outcome {
  const [group, ...rest] = groups;
  const ordered = [...group.branches.filter((b) => !isNullOnly(b)), ...group.branches.filter(isNullOnly)];
  let fallback: Outcome | undefined;
  let lastFailure: Outcome | undefined;
  for (const branch of ordered) {
    const index = group.branches.indexOf(branch);
    const property = group.discriminator?.propertyName;
    const key = typeof property === 'string' && isObject(branch) && typeof branch.$ref === 'string' ? mappingKey(group.discriminator!, branch.$ref) : undefined;
    const pinned =
      key !== undefined && acceptsValue(env, branch, property as string, key)
        ? synthetic({ allOf: [branch, { properties: { [property as string]: { enum: [key] } }, required: [property] }] })
        : branch;
    const remaining = rest.map((other) => synthetic({ [other.kind]: other.branches, ...(other.discriminator ? { discriminator: other.discriminator } : {}) }));
    const combined = synthetic({ allOf: [base, pinned, ...remaining] });
    const result = generate(env, combined, { ...frame, ref: undefined, pointer: appendPointer(group.pointer, index) });
    if (!result.ok) {
      lastFailure = result;
      continue;
    }
    if (group.kind === 'oneOf' && group.branches.length > 1 && !syntheticSchemas.has(group.source)) {
      if (env.validator.validate(group.source, result.value).status === 'invalid') {
        fallback ??= result;
        continue;
      }
    }
    return result;
  }
  if (fallback !== undefined) {
    env.report(dataDiagnostic('oneOfAmbiguous', { message: `No generated value matches exactly one oneOf branch at ${group.pointer}`, pointer: group.pointer, file: env.file }));
    return fallback;
  }
  return lastFailure ?? unsatisfiable(env, frame, 'no oneOf/anyOf branch can be generated');
}

function generateBase(env: SynthesisEnvironment, schema: Record<string, unknown>, frame: Frame): Outcome {
  if ('const' in schema) return { ok: true, value: schema.const as JsonValue };
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
      return number.ok ? { ok: true, value: number.value } : unsatisfiable(env, frame, number.message);
    }
    case 'boolean':
      return { ok: true, value: frame.variant % 2 === 0 };
    case 'string': {
      const text = synthesizeString(schema, frame.variant);
      if (!text.ok) env.report(dataDiagnostic('unsatisfiable', { message: `At ${frame.pointer}: ${text.message}`, pointer: frame.pointer, file: env.file }));
      return { ok: true, value: text.value };
    }
    default:
      return { ok: true, value: 'example' };
  }
}

function pickEnum(env: SynthesisEnvironment, schema: Record<string, unknown>, types: string[], frame: Frame): Outcome {
  const values = (schema.enum as JsonValue[]).filter((value) => types.length === 0 || types.some((type) => matchesType(value, type)));
  const nonNull = values.filter((value) => value !== null);
  const pool = nonNull.length > 0 ? nonNull : values.length > 0 ? values : schema.nullable === true && (schema.enum as unknown[]).includes(null) ? [null] : [];
  if (pool.length === 0) return unsatisfiable(env, frame, (schema.enum as unknown[]).length === 0 ? 'the enum is empty (or allOf branches share no value)' : 'no enum value has the schema\'s type');
  return { ok: true, value: pool[frame.variant % pool.length] };
}

function generateObject(env: SynthesisEnvironment, schema: Record<string, unknown>, frame: Frame): Outcome {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? [...new Set(schema.required.filter((name): name is string => typeof name === 'string'))] : [];
  const chosen: string[] = [];
  const withOptional = !frame.minimal && frame.depth < OPTIONAL_DEPTH;
  for (const [name, property] of Object.entries(properties)) {
    if (isHidden(env, property)) continue;
    if (required.includes(name) || (withOptional && isIllustrated(env, property))) chosen.push(name);
  }
  for (const name of required) if (!(name in properties)) chosen.push(name);
  addDependentRequired(schema, chosen, (name) => isHidden(env, properties[name]));

  const value: Record<string, JsonValue> = {};
  const add = (name: string, isRequired: boolean): Outcome | undefined => {
    const childSchema = name in properties ? properties[name] : extraPropertySchema(schema, name);
    const child = { ...frame, ref: undefined, pointer: appendPointer(frame.pointer, 'properties', name), depth: frame.depth + 1 };
    let result = generate(env, childSchema, child);
    if (!result.ok && result.reason === 'recursion' && isRequired && !frame.minimal) result = generate(env, childSchema, { ...child, minimal: true });
    if (result.ok) value[name] = result.value;
    else if (isRequired) return result;
    return undefined;
  };
  for (const name of chosen) {
    const failure = add(name, required.includes(name));
    if (failure) return failure;
  }
  const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
  for (const name of Object.keys(properties)) {
    if (Object.keys(value).length >= minProperties) break;
    if (!(name in value) && !isHidden(env, properties[name])) add(name, false);
  }
  for (let extra = 1; Object.keys(value).length < minProperties && schema.additionalProperties !== false && extra <= minProperties; extra++) {
    add(`property${extra}`, false);
  }
  if (Object.keys(value).length < minProperties) return unsatisfiable(env, frame, `cannot build an object with ${minProperties} properties`);
  if (typeof schema.maxProperties === 'number' && Object.keys(value).length > schema.maxProperties) {
    for (const name of Object.keys(value).reverse()) {
      if (Object.keys(value).length <= schema.maxProperties) break;
      if (!required.includes(name)) delete value[name];
    }
    if (Object.keys(value).length > schema.maxProperties) return unsatisfiable(env, frame, `more required properties than maxProperties ${schema.maxProperties}`);
  }
  return { ok: true, value };
}

function generateArray(env: SynthesisEnvironment, schema: Record<string, unknown>, frame: Frame): Outcome {
  const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : [];
  const rest = Array.isArray(schema.items) ? schema.additionalItems : Array.isArray(schema.prefixItems) ? schema.items : schema.items;
  let count = Math.min(frame.minimal ? minItems : Math.max(minItems, 1), maxItems);
  if (rest === false) count = Math.min(count, prefix.length);
  if (schema.contains !== undefined && count === 0 && maxItems > 0) count = 1;
  const unique = schema.uniqueItems === true;
  const items: JsonValue[] = [];
  for (let index = 0; index < count; index++) {
    let itemSchema = index < prefix.length ? prefix[index] : rest;
    if (index === 0 && schema.contains !== undefined) itemSchema = itemSchema === undefined ? schema.contains : synthetic({ allOf: [itemSchema, schema.contains] });
    const child = {
      ...frame,
      ref: undefined,
      pointer: appendPointer(frame.pointer, index < prefix.length ? `prefixItems/${index}` : 'items'),
      depth: frame.depth + 1,
      variant: unique ? index : frame.variant,
    };
    let result = generate(env, itemSchema, child);
    if (!result.ok && index >= minItems) break;
    if (!result.ok && result.reason === 'recursion' && !frame.minimal) result = generate(env, itemSchema, { ...child, minimal: true });
    if (!result.ok) return result;
    items.push(result.value);
  }
  if (unique && new Set(items.map((item) => JSON.stringify(item))).size !== items.length) {
    return unsatisfiable(env, frame, `cannot build ${count} distinct items`);
  }
  return { ok: true, value: items };
}

function followRefs(env: SynthesisEnvironment, schema: unknown, frame: Frame): { schema: unknown; frame: Frame } | { ok: false; reason: 'recursion' } {
  let current = schema;
  let currentFrame = frame;
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (currentFrame.refStack.filter((entry) => entry === ref).length >= (frame.minimal ? HARD_REF_REPEAT : SOFT_REF_REPEAT)) return { ok: false, reason: 'recursion' };
    const target = ref.startsWith('#') ? resolvePointer(env.document, ref) : undefined;
    if (target === undefined) {
      env.report(dataDiagnostic('unresolvedRef', { message: `Cannot resolve $ref "${ref}"`, pointer: currentFrame.pointer, file: env.file }));
      return { schema: {}, frame: currentFrame };
    }
    currentFrame = { ...currentFrame, pointer: ref, refStack: [...currentFrame.refStack, ref] };
    current = target;
  }
  return { schema: current, frame: currentFrame };
}

/** Follows `$ref`s and single-branch allOf wrappers without generating anything. */
export function resolveShallow(document: Record<string, unknown>, schema: unknown): Record<string, unknown> | undefined {
  let current = schema;
  for (let hops = 0; hops < 16; hops++) {
    if (!isObject(current)) return undefined;
    if (typeof current.$ref === 'string') {
      current = current.$ref.startsWith('#') ? resolvePointer(document, current.$ref) : undefined;
    } else if (isPlainWrapper(current)) {
      current = (current.allOf as unknown[])[0];
    } else {
      return current;
    }
  }
  return undefined;
}

/** readOnly properties are not sent in requests, writeOnly ones not expected in responses. */
function isHidden(env: SynthesisEnvironment, schema: unknown): boolean {
  const flag = env.direction === 'request' ? 'readOnly' : 'writeOnly';
  let current = schema;
  for (let hops = 0; hops < 16 && isObject(current); hops++) {
    if (current[flag] === true) return true;
    if (typeof current.$ref === 'string') current = current.$ref.startsWith('#') ? resolvePointer(env.document, current.$ref) : undefined;
    else if (isPlainWrapper(current)) current = (current.allOf as unknown[])[0];
    else return false;
  }
  return false;
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
  const hidden = Object.keys(value).filter((name) => name in properties && isHidden(env, properties[name]));
  if (hidden.length === 0) return value;
  return Object.fromEntries(Object.entries(value).filter(([name]) => !hidden.includes(name)));
}

function addDependentRequired(schema: Record<string, unknown>, chosen: string[], hidden: (name: string) => boolean): void {
  const sources = [schema.dependentRequired, schema.dependencies].filter(isObject);
  for (let index = 0; index < chosen.length; index++) {
    for (const source of sources) {
      const needed = source[chosen[index]];
      if (!Array.isArray(needed)) continue;
      for (const name of needed) if (typeof name === 'string' && !chosen.includes(name) && !hidden(name)) chosen.push(name);
    }
  }
}

function extraPropertySchema(schema: Record<string, unknown>, name: string): unknown {
  if (isObject(schema.patternProperties)) {
    for (const [pattern, child] of Object.entries(schema.patternProperties)) {
      try {
        if (new RegExp(pattern, 'u').test(name)) return child;
      } catch {
        // an invalid pattern matches nothing
      }
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
