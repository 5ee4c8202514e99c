import type { Diagnostic, JsonValue, SchemaObject } from '../model/index.js';
import { dataDiagnostic, dedupedReporter } from './diagnostics.js';
import { resolveSynthesisLimits, type SynthesisLimits } from './limits.js';
import { specKindOf } from './spec-kind.js';
import { freshBudget, generate, rootFrame, type SynthesisEnvironment } from './synthesize.js';
import type { Direction } from './types.js';
import { validatorFor } from './validator.js';

export interface ExampleForSchemaInput {
  schema: SchemaObject | undefined;
  /** The whole spec document the schema's `$ref`s point into. */
  document: Record<string, unknown>;
  /** JSON pointer of the schema, for diagnostics. */
  pointer: string;
  report: (diagnostic: Diagnostic) => void;
  direction: Direction;
  /** The spec file, for diagnostics. */
  file?: string;
  /** Non-zero asks for another value than the default one (a second array item, say); specs' own examples still win. */
  variant?: number;
  /** Size limits; the defaults raised by the environment when omitted. */
  limits?: SynthesisLimits;
  /** Told why, when no value exists within the size limits (a required part needs more). */
  tooLarge?: (reason: string) => void;
  /**
   * Told when no value satisfies the schema: the value returned is then the closest one
   * perfplan found (required parts it cannot build left out), or undefined when it found none.
   */
  unsatisfied?: (reason: string) => void;
}

/**
 * A deterministic value for `schema` that a validating server accepts: the spec's own
 * example/default when valid, else const/enum, else synthesized from the constraints.
 * Undefined when there is no schema, or no finite value exists (reported).
 */
export function exampleForSchema(input: ExampleForSchemaInput): JsonValue | undefined {
  if (input.schema === undefined) return undefined;
  const env = synthesisEnvironment(input);
  const frame = { ...rootFrame(input.pointer), variant: input.variant ?? 0 };
  let outcome = generate(env, input.schema, frame);
  if (!outcome.ok && outcome.reason === 'recursion') outcome = generate(env, input.schema, { ...frame, minimal: true });
  if (outcome.ok) return outcome.value;
  if (outcome.reason === 'unsatisfiable') {
    const closest = generate({ ...env, closest: true, budget: freshBudget(env.limits) }, input.schema, frame);
    input.unsatisfied?.(
      closest.ok
        ? `no value satisfies the schema at ${input.pointer}; perfplan sends the closest value it found (the parts it cannot build left out)`
        : `no value satisfies the schema at ${input.pointer}`,
    );
    return closest.ok ? closest.value : undefined;
  }
  if (outcome.reason === 'recursion') {
    env.report(dataDiagnostic('noFiniteInstance', { message: `The schema at ${input.pointer} has no finite value within perfplan's recursion limit`, pointer: input.pointer, file: input.file }));
  }
  if (outcome.reason === 'too-large') input.tooLarge?.(outcome.message ?? `The value of ${input.pointer} is larger than perfplan's limits`);
  return undefined;
}

export function synthesisEnvironment(input: Pick<ExampleForSchemaInput, 'document' | 'report' | 'direction' | 'file' | 'limits'>): SynthesisEnvironment {
  const limits = input.limits ?? resolveSynthesisLimits();
  return {
    document: input.document,
    kind: specKindOf(input.document),
    direction: input.direction,
    file: input.file,
    report: dedupedReporter(input.report),
    validator: validatorFor(input.document, input.direction),
    literal: validatorFor(input.document, input.direction, 'literal'),
    limits,
    budget: freshBudget(limits),
  };
}
