import fs from 'node:fs';
import { ExitCode, PerfplanError } from '../errors/index.js';
import type { TestPlan } from '../model/index.js';

/** The plan of a plan.json `perfplan generate` wrote (its test cases put back beside the plan). */
export function readPlanFile(file: string): TestPlan {
  let parsed: { plan?: Omit<TestPlan, 'testCases'>; testCases?: TestPlan['testCases'] };
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof parsed;
  } catch (error) {
    throw new PerfplanError('evaluate/plan-unreadable', `Cannot read the plan ${file}: ${(error as Error).message}`, {
      file,
      fix: 'Pass the plan.json that perfplan generate wrote into its output folder: --plan OUT/plan.json.',
      exitCode: ExitCode.usage,
      cause: error,
    });
  }
  if (parsed.plan === undefined || !Array.isArray(parsed.plan.requests) || !Array.isArray(parsed.testCases)) {
    throw new PerfplanError('evaluate/not-a-plan', `${file} is not a perfplan plan.json (no plan.requests or testCases).`, {
      file,
      fix: 'Pass the plan.json that perfplan generate wrote into its output folder: --plan OUT/plan.json.',
      exitCode: ExitCode.usage,
    });
  }
  return { ...parsed.plan, testCases: parsed.testCases } as TestPlan;
}
