import path from 'node:path';
import { ExitCode, type ExitCodeValue } from '../errors/index.js';
import type { ApiModel, Diagnostic } from '../model/index.js';
import { nounFor, plural } from '../plugin-api/plural.js';
import type { PipelineSettings } from './settings.js';

/** How many operations and test cases each step of planning kept. */
export interface PlanningCounts {
  /** Operations left by include/exclude. */
  filtered: number;
  /** ... and by `x-perfplan: { skip: true }`. */
  planned: number;
  /** Test cases the strategies returned. */
  testCases: number;
  /** ... of the selected `types`. */
  kept: number;
  /** Types of the test cases the strategies returned. */
  plannedTypes: readonly string[];
}

export type EmptyPlanVerdict =
  | { kind: 'not-empty' }
  /**
   * The inputs ask for no test case: a diagnostic that says why, and the (empty) plan is written.
   * A warning, except for a spec that only describes webhooks: nothing is wrong with it (a note).
   */
  | { kind: 'asked'; notice: Diagnostic }
  /** Nobody asked for an empty plan: generate stops. */
  | { kind: 'mistake'; problem: Diagnostic; exitCode: ExitCodeValue };

/** Diagnostic code of a spec that describes webhooks and no operation: a note, not a problem. */
export const WEBHOOKS_ONLY_CODE = 'plan/webhooks-only';

/**
 * A spec with webhooks (3.1 `webhooks`, `x-webhooks`) and no operations under `paths`: webhooks are
 * requests the API sends to its subscribers, not requests to the API, so there is nothing to call.
 * The message names the spec by its file name (the plan carries no local path).
 */
function webhooksOnly(model: ApiModel): Diagnostic {
  const hooks = model.document.webhooks;
  const key = hooks !== null && typeof hooks === 'object' && !Array.isArray(hooks) ? 'webhooks' : 'x-webhooks';
  const name = path.basename(model.sourceFile);
  return {
    code: WEBHOOKS_ONLY_CODE,
    severity: 'info',
    file: model.sourceFile,
    pointer: `#/${key}`,
    message:
      `${name} describes ${plural(model.webhookCount, 'webhook')} and no operations under paths. Webhooks are requests the API sends ` +
      'to its subscribers, not requests to the API, so there is nothing to load test: the plan has no test cases and no scripts.',
    fix: 'Nothing to fix. To load test the API, point perfplan at the document that describes its paths.',
  };
}

/**
 * A plan without test cases is a mistake unless the inputs ask for it:
 * - the spec has no operations (a webhook-only or component-only document): nothing to test, and it says so;
 * - the spec marks every selected operation `x-perfplan: { skip: true }`;
 * - `types` selects only types the spec has none of (`--types workflow` where no workflow exists).
 * Otherwise the config's selection (include/exclude) left nothing, which is a config error (exit 2),
 * or the profile strategies returned nothing for the operations they were given, which is a
 * generation failure of those strategies (exit 1).
 */
export function emptyPlanVerdict(input: { model: ApiModel; settings: PipelineSettings; counts: PlanningCounts }): EmptyPlanVerdict {
  const { model, settings, counts } = input;
  if (counts.kept > 0) return { kind: 'not-empty' };
  const total = model.operations.length;
  const file = model.sourceFile;
  if (total === 0 && model.webhookCount > 0) return { kind: 'asked', notice: webhooksOnly(model) };
  if (total === 0) {
    return {
      kind: 'asked',
      notice: {
        code: 'plan/no-operations',
        severity: 'warning',
        file,
        pointer: '#/paths',
        message: `${path.basename(file)} has no operations under paths: the plan has no test cases.`,
        fix: 'Nothing to run. Point perfplan at the document that defines the API\'s paths.',
      },
    };
  }
  const fromFlag = (setting: 'include' | 'exclude' | 'types') => settings.origin?.fromFlags?.includes(setting) ?? false;
  const configFile = settings.origin?.configFile;
  if (counts.filtered === 0) {
    const key = settings.exclude.length > 0 ? 'exclude' : 'include';
    return {
      kind: 'mistake',
      exitCode: ExitCode.usage,
      problem: {
        code: 'plan/empty',
        severity: 'error',
        ...(fromFlag(key) || configFile === undefined ? {} : { file: configFile }),
        pointer: fromFlag(key) ? `--${key}` : key,
        message: `include and exclude leave none of the spec's ${plural(total, 'operation')} to test (include: ${settings.include.length > 0 ? settings.include.map((filter) => JSON.stringify(filter)).join(', ') : 'everything'}; exclude: ${settings.exclude.map((filter) => JSON.stringify(filter)).join(', ') || 'nothing'}): the plan would have no test cases.`,
        fix: 'Narrow exclude or widen include so that some operation remains.',
      },
    };
  }
  if (counts.planned === 0) {
    return {
      kind: 'asked',
      notice: {
        code: 'plan/no-test-cases',
        severity: 'warning',
        file,
        message: `Every selected operation (${counts.filtered}) is marked x-perfplan skip: true in the spec: the plan has no test cases.`,
        fix: 'Nothing to run. Remove skip: true from the operations to test.',
      },
    };
  }
  if (counts.testCases > 0 && settings.types !== undefined) {
    const key = fromFlag('types') ? '--types' : 'types';
    return {
      kind: 'asked',
      notice: {
        code: 'plan/no-test-cases',
        severity: 'warning',
        ...(fromFlag('types') || configFile === undefined ? {} : { file: configFile }),
        pointer: key,
        message: `${key} ${settings.types.join(', ')} keeps none of the ${plural(counts.testCases, 'planned test case')} (${nounFor(counts.plannedTypes.length, 'type')} ${counts.plannedTypes.join(', ')}): this spec gives no test of the ${nounFor(settings.types.length, 'type')} asked for.`,
        fix: `Nothing to run. Ask for ${counts.plannedTypes.join(', ')} instead, or leave ${key} out.`,
      },
    };
  }
  return {
    kind: 'mistake',
    exitCode: ExitCode.failed,
    problem: {
      code: 'plan/empty',
      severity: 'error',
      file,
      message: `The profile strategies planned no test case for the ${plural(counts.planned, 'selected operation')}.`,
      fix: 'A profile strategy from a plugin probably returned nothing: check "perfplan plugins" for what replaced the built-in strategies.',
    },
  };
}
