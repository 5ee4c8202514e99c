import AjvModule, { MissingRefError, type ValidateFunction } from 'ajv';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SpecKind } from '../model/index.js';
import { DOCUMENT_ID, toAjvSchema, type ValidatorReading } from './ajv-schema.js';
import { ajvRegExpEngine } from './spec-pattern.js';
import { specKindOf } from './spec-kind.js';
import { isFileMarker, type Direction } from './types.js';

type AjvInstance = InstanceType<typeof AjvModule.default>;
const Ajv = AjvModule.default;
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

export type ValidationResult =
  | { status: 'valid' }
  | { status: 'invalid'; message: string }
  /** The schema could not be compiled (unresolvable `$ref`, a pattern ajv rejects, ...). */
  | { status: 'unknown'; message: string };

/**
 * Validates values against schemas of one spec document, the way a validating server
 * (Prism) does: ajv with the spec version's draft, ajv-formats, OpenAPI `nullable`,
 * readOnly/writeOnly per direction (as `reading` says). Compiled validators are cached per schema object.
 */
export class DocumentValidator {
  private readonly kind: SpecKind;
  private readonly instances = new Map<'shared' | 'whole', AjvInstance>();
  private readonly compiled = new WeakMap<object, ValidateFunction | Error>();
  private readonly compiledByContent = new Map<string, ValidateFunction | Error>();
  private hiddenRequired = false;

  constructor(
    private readonly document: Record<string, unknown>,
    private readonly direction: Direction,
    private readonly reading: ValidatorReading = 'openapi',
  ) {
    this.kind = specKindOf(document);
  }

  /**
   * True once a schema this validator prepared had a required property it does not require
   * because the property is readOnly (writeOnly in responses): until then, the `literal`
   * reading of the same schemas gives the same verdicts.
   */
  get droppedHiddenRequired(): boolean {
    return this.hiddenRequired;
  }

  validate(schema: unknown, value: unknown): ValidationResult {
    if (schema === undefined || schema === true) return { status: 'valid' };
    if (typeof schema !== 'object' || schema === null) return schema === false ? { status: 'invalid', message: 'schema is false' } : { status: 'valid' };
    const validate = this.compile(schema);
    if (validate instanceof Error) return { status: 'unknown', message: validate.message };
    try {
      if (validate(withoutFileMarkers(value))) return { status: 'valid' };
    } catch (error) {
      // A schema that applies itself to the same value (`Pet: oneOf [Cat]`, `Cat: allOf [Pet]`)
      // recurses for ever in a validator; nothing can be said about the value.
      if (error instanceof RangeError) return { status: 'unknown', message: 'the schema applies itself to the same value without end' };
      throw error;
    }
    return { status: 'invalid', message: this.instance().errorsText(validate.errors, { dataVar: 'value' }) };
  }

  private compile(schema: object): ValidateFunction | Error {
    const cached = this.compiled.get(schema);
    if (cached !== undefined) return cached;
    // Large specs repeat the same inline schema in many operations (Stripe's `expand`, `metadata`):
    // one compile serves every copy. A schema that is not a tree (a YAML alias cycle) has no key.
    const key = contentKey(schema);
    const same = key === undefined ? undefined : this.compiledByContent.get(key);
    if (same !== undefined) {
      this.compiled.set(schema, same);
      return same;
    }
    let result: ValidateFunction | Error;
    try {
      const prepared = toAjvSchema(schema, { ...this.normalizeOptions(), rewriteRefs: true });
      try {
        result = this.instance('shared').compile(prepared as object);
      } catch (error) {
        // A $ref into the operations themselves (rare): the whole document is registered for it.
        if (!(error instanceof MissingRefError)) throw error;
        result = this.instance('whole').compile(prepared as object);
      }
    } catch (error) {
      result = error instanceof Error ? error : new Error(String(error));
    }
    this.compiled.set(schema, result);
    if (key !== undefined) this.compiledByContent.set(key, result);
    return result;
  }

  private normalizeOptions() {
    return { kind: this.kind, direction: this.direction, document: this.document, reading: this.reading, onHiddenRequired: () => (this.hiddenRequired = true) };
  }

  /**
   * An ajv instance with the document registered, so that `#/...` refs resolve: `shared` holds
   * every part but the operations (`paths`, `webhooks`), which is where refs point in practice
   * and a fraction of a large spec to prepare; `whole` holds everything, for the rest.
   */
  private instance(scope: 'shared' | 'whole' = 'shared'): AjvInstance {
    const existing = this.instances.get(scope);
    if (existing !== undefined) return existing;
    const options = {
      strict: false,
      logger: false,
      allErrors: false,
      validateSchema: false,
      allowUnionTypes: true,
      addUsedSchema: false,
      // Each schema is validated a handful of times: compiling fast beats optimizing the code.
      // Spec patterns run in linear time (spec-pattern.ts): a backtracking pattern must not hang validation.
      code: { optimize: false, regExp: ajvRegExpEngine },
      inlineRefs: false,
      // A required property named `constructor` or `toString` must be the value's own, not Object.prototype's.
      ownProperties: true,
    } as const;
    const ajv: AjvInstance = this.kind === 'openapi-3.1' ? new Ajv2020(options) : new Ajv(options);
    addFormats(ajv);
    // OpenAPI formats ajv-formats does not know, accepted as any string/number (as Prism does).
    for (const format of ['unix-time', 'decimal']) ajv.addFormat(format, true);
    const registered = scope === 'whole' ? this.document : Object.fromEntries(Object.entries(this.document).filter(([key]) => key !== 'paths' && key !== 'webhooks'));
    const prepared = toAjvSchema(registered, { ...this.normalizeOptions(), rewriteRefs: false });
    try {
      ajv.addSchema(prepared as object, DOCUMENT_ID);
    } catch {
      // A document ajv refuses (e.g. duplicate `$id`s) still lets self-contained schemas validate.
    }
    this.instances.set(scope, ajv);
    return ajv;
  }
}

const validators = new WeakMap<object, Map<string, DocumentValidator>>();

/** The cached validator of `document` for `direction` (and `reading`, OpenAPI's by default). */
export function validatorFor(document: Record<string, unknown>, direction: Direction, reading: ValidatorReading = 'openapi'): DocumentValidator {
  let byKey = validators.get(document);
  if (byKey === undefined) {
    byKey = new Map();
    validators.set(document, byKey);
  }
  const key = `${direction}:${reading}`;
  let validator = byKey.get(key);
  if (validator === undefined) {
    validator = new DocumentValidator(document, direction, reading);
    byKey.set(key, validator);
  }
  return validator;
}

function contentKey(schema: object): string | undefined {
  try {
    return JSON.stringify(schema);
  } catch {
    return undefined;
  }
}

/** File markers stand for binary strings: validate them as one. */
function withoutFileMarkers(value: unknown): unknown {
  if (isFileMarker(value)) return value.$file.content;
  if (Array.isArray(value)) return value.map(withoutFileMarkers);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withoutFileMarkers(child)]));
  }
  return value;
}
