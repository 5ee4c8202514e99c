import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { PROJECT_ROOT } from './paths.js';

let validator: ValidateFunction | undefined;

/** Validates a parsed plan.json against the published schemas/plan.schema.json. */
export function validatePlanFile(planFile: unknown): string[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(
    JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'schemas', 'plan.schema.json'), 'utf8')),
  );
  if (validator(planFile)) return [];
  return (validator.errors ?? []).slice(0, 20).map((error) => `${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}
