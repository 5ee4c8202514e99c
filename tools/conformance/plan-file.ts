import fs from 'node:fs';
import path from 'node:path';
import type { AgentResult } from '../../src/pipeline/agent-result.js';
import type { TestPlan } from '../../src/model/index.js';

/** plan.json as `perfplan generate` writes it: the agent result with the plan (minus its test cases) beside it. */
export type PlanFile = AgentResult & { plan: Omit<TestPlan, 'testCases'> };

/** The plan of a generated output folder, with the test cases put back. */
export function readPlan(outDir: string): TestPlan {
  const file = path.join(outDir, 'plan.json');
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as PlanFile;
  if (parsed.plan === undefined || !Array.isArray(parsed.plan.requests)) {
    throw new Error(`${file} has no plan.requests: is it a perfplan plan.json?`);
  }
  return { ...parsed.plan, testCases: parsed.testCases ?? [] };
}

/**
 * Values for the variables the scripts need (credentials), BASE_URL aside: a visible dummy for each
 * required one, and each secret without a default; optional settings, and optional secrets with a
 * default (a JWT body's placeholder), keep the scripts' own defaults. Prism only checks that
 * credentials are present and well-formed. BASE_URL and the variable of every server some
 * operations have of their own (plan.servers) are `baseUrl`: nothing goes to the spec's hosts.
 */
export function smokeEnvironment(plan: TestPlan, baseUrl: string): Record<string, string> {
  const env: Record<string, string> = {};
  const servers = new Set((plan.servers ?? []).map((server) => server.env));
  for (const variable of plan.environment) {
    if (variable.name === 'BASE_URL' || servers.has(variable.name) || !(variable.required || (variable.secret && variable.default === undefined))) continue;
    env[variable.name] = `conformance-${variable.name.toLowerCase().replace(/_/g, '-')}`;
  }
  for (const server of servers) env[server] = baseUrl;
  env.BASE_URL = baseUrl;
  return env;
}

/** The variables of `env` that name where requests go: BASE_URL and every server's (plan.servers). */
export function targetVariables(plan: TestPlan): string[] {
  return ['BASE_URL', ...(plan.servers ?? []).map((server) => server.env)];
}
