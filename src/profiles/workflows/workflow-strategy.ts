import { defineProfileStrategy } from '../../plugin-api/index.js';
import type { ProfileStrategy, StrategyTestCase } from '../../plugin-api/index.js';
import type { Workflow, WorkflowCriteria } from '../../model/index.js';
import { closedProfile, GLOBAL_DEFAULTS, rampHoldStages, resolveOptions, type LoadOptions } from '../../plugin-api/index.js';
import { authenticationWorkflow, declaredWorkflows, lifecycleWorkflows, linkWorkflows } from './find-workflows.js';

export interface WorkflowOptions extends LoadOptions {
  completionRate: number;
  meanWorkflowMs: number;
}

const workflowDefaults: WorkflowOptions = {
  ...GLOBAL_DEFAULTS,
  virtualUsers: 5,
  durationSeconds: 600,
  expectedResponseTimeMs: 500,
  p95Ms: 1000,
  errorRate: 0.02,
  completionRate: 0.95,
  meanWorkflowMs: 10_000,
};

export const workflowStrategy: ProfileStrategy = defineProfileStrategy({
  name: 'workflow',
  description: 'Multi-step journeys carrying values between steps: authentication, resource lifecycles, spec links and config-declared workflows.',
  defaults: workflowDefaults,
  appliesTo: { testType: 'workflow' },
  readsOptions: true,
  plan({ model, analysis, operations, options, declaredWorkflows: declared, report }) {
    const resolved = resolveOptions(workflowDefaults, options);
    const { profile, criteria: requestCriteria } = closedProfile({ name: 'workflow', title: 'Workflow', options: resolved, stages: rampHoldStages(resolved) });
    const criteria: WorkflowCriteria = { completionRate: resolved.completionRate, meanWorkflowMs: resolved.meanWorkflowMs, errorRate: resolved.errorRate };
    const planned = new Set(operations.map((operation) => operation.operationId));
    const edges = analysis.dependencies.filter((edge) => planned.has(edge.from) && planned.has(edge.to));
    const scoped = { ...model, operations: model.operations.filter((operation) => planned.has(operation.id)) };
    const workflows: Workflow[] = [];
    const auth = authenticationWorkflow({ model: scoped, analysis, edges, criteria });
    if (auth) workflows.push(auth);
    workflows.push(...lifecycleWorkflows({ model: scoped, edges, criteria }));
    workflows.push(...linkWorkflows({ edges, criteria }));
    workflows.push(...declaredWorkflows({ declared, operations: analysis.operations, edges: analysis.dependencies, criteria, report }));
    const testCases = workflows.map(
      (workflow): StrategyTestCase => ({
        id: workflow.id,
        name: `Workflow: ${workflow.name}`,
        type: 'workflow',
        rationale:
          `${workflow.rationale} ${resolved.virtualUsers} concurrent workflows for ${resolved.durationSeconds} s; at least ` +
          `${criteria.completionRate * 100}% must complete, in ${criteria.meanWorkflowMs} ms on average, with errors under ${criteria.errorRate * 100}%.`,
        targets: workflow.steps.map((step) => ({ operationId: step.operationId, weight: step.weight })),
        profile,
        criteria: requestCriteria,
        workflowId: workflow.id,
      }),
    );
    return { testCases, workflows };
  },
});
