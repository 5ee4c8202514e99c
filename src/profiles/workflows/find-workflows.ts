import type { Analysis, ApiModel, DependencyEdge, Diagnostic, OperationAnalysis, OperationModel, Workflow, WorkflowCriteria } from '../../model/index.js';
import type { DeclaredWorkflow } from '../../plugin-api/index.js';
import { matchesIndicator } from '../../analysis/text-match.js';
import { finishSteps, stepDraft, wire, wireSteps, type StepDraft } from './bindings.js';
import { plural } from '../../plugin-api/plural.js';

type Report = (diagnostic: Diagnostic) => void;

function operationWords(operation: OperationModel): string[] {
  return [operation.path, operation.idDerived ? '' : operation.id, operation.summary ?? ''];
}

function findByIndicator(model: ApiModel, indicators: string[], accept: (operation: OperationModel) => boolean): OperationModel | undefined {
  return model.operations.find(
    (operation) => accept(operation) && operationWords(operation).some((text) => indicators.some((indicator) => matchesIndicator(text, indicator))),
  );
}

function hasPathParameters(operation: OperationModel): boolean {
  return operation.parameters.some((parameter) => parameter.in === 'path');
}

/** register 0.1 → login 0.8 → a protected resource 0.1, where the API has a login operation. */
export function authenticationWorkflow(input: { model: ApiModel; analysis: Analysis; edges: readonly DependencyEdge[]; criteria: WorkflowCriteria }): Workflow | undefined {
  const { model, analysis } = input;
  const login = findByIndicator(model, ['login', 'signin', 'token', 'session'], (operation) => operation.method === 'post' || operation.method === 'get');
  if (!login) return undefined;
  const register = findByIndicator(model, ['register', 'signup'], (operation) => operation.method === 'post' && operation !== login)
    ?? model.operations.find((operation) => operation.method === 'post' && /^\/?users?\/?$/i.test(operation.path.replace(/^\/v\d+/, '')) && operation !== login);
  const authById = new Map(analysis.operations.map((operation) => [operation.operationId, operation]));
  const protectedResource =
    model.operations.find((operation) => operation.method === 'get' && authById.get(operation.id)?.auth.required && !hasPathParameters(operation)) ??
    model.operations.find((operation) => operation.method === 'get' && authById.get(operation.id)?.auth.required);
  const taken = new Set<string>();
  const steps: StepDraft[] = [];
  if (register) steps.push(stepDraft(register.id, 0.1, taken));
  const loginStep = stepDraft(login.id, 0.8, taken);
  steps.push(loginStep);
  if (protectedResource && protectedResource !== login) steps.push(stepDraft(protectedResource.id, 0.1, taken));
  if (steps.length < 2) return undefined;
  if (register) {
    // The credentials a user registered with are the ones it logs in with.
    const loginInputs = new Set(login.parameters.map((parameter) => parameter.name));
    for (const field of ['username', 'email', 'password']) {
      if (loginInputs.has(field)) {
        const location = login.parameters.find((parameter) => parameter.name === field)!.in;
        wire(steps[0], loginStep, { from: register.id, to: login.id, source: 'naming', reason: '', bindings: [{ from: `$request.body#/${field}`, to: `${location}.${field}` }] });
      }
    }
  }
  wireSteps(steps, input.edges);
  return {
    id: 'workflow_authentication',
    name: 'User Authentication Workflow',
    category: 'authentication',
    rationale:
      `Most sessions start by signing in: ${steps.map((step) => `${step.operationId} (${step.weight})`).join(' → ')}. ` +
      'Weights are the share of iterations that run each step; each virtual user runs every step in its first iteration.',
    steps: finishSteps(steps),
    criteria: input.criteria,
  };
}

function itemPathOf(collection: string, operation: OperationModel): boolean {
  return new RegExp(`^${collection.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\{[^}/]+\\}(\\.json)?$`).test(operation.path);
}

/** create → read → update → delete for each resource a POST creates and item operations consume. */
export function lifecycleWorkflows(input: { model: ApiModel; edges: readonly DependencyEdge[]; criteria: WorkflowCriteria }): Workflow[] {
  const { model, edges } = input;
  const byId = new Map(model.operations.map((operation) => [operation.id, operation]));
  const edgesFrom = new Map<string, DependencyEdge[]>();
  for (const edge of edges) {
    const list = edgesFrom.get(edge.from);
    if (list === undefined) edgesFrom.set(edge.from, [edge]);
    else list.push(edge);
  }
  const workflows: Workflow[] = [];
  const seenIds = new Set<string>();
  for (const create of model.operations) {
    if (create.method !== 'post') continue;
    const consumers = (edgesFrom.get(create.id) ?? []).filter((edge) => edge.source !== 'link').map((edge) => byId.get(edge.to)!).filter(Boolean);
    const collection = create.path.replace(/\/+$/, '');
    const onItem = consumers.filter((operation) => itemPathOf(collection, operation));
    const read = onItem.find((operation) => operation.method === 'get');
    if (!read) continue;
    const update =
      onItem.find((operation) => operation.method === 'put' || operation.method === 'patch') ?? onItem.find((operation) => operation.method === 'post');
    const remove = onItem.find((operation) => operation.method === 'delete');
    const taken = new Set<string>();
    const steps = [create, read, update, remove].filter((operation): operation is OperationModel => operation !== undefined).map((operation) => stepDraft(operation.id, 1, taken));
    wireSteps(steps, edges);
    if (steps.slice(1).some((step) => step.inject.length === 0)) continue;
    const resource = collection.split('/').filter(Boolean).pop() ?? 'resource';
    let id = `workflow_lifecycle_${resource.replace(/[^A-Za-z0-9_]+/g, '_')}`;
    for (let n = 2; seenIds.has(id); n++) id = `workflow_lifecycle_${resource.replace(/[^A-Za-z0-9_]+/g, '_')}_${n}`;
    seenIds.add(id);
    workflows.push({
      id,
      name: `Lifecycle of ${resource}: ${steps.map((step) => step.operationId).join(' → ')}`,
      category: 'lifecycle',
      rationale: `${create.method.toUpperCase()} ${create.path} creates a resource that ${plural(steps.length - 1, 'later step')} address by the value it returns; the workflow exercises its whole lifecycle with the real ids.`,
      steps: finishSteps(steps),
      criteria: input.criteria,
    });
  }
  return workflows;
}

/** Chains of OpenAPI links, followed from operations no link leads to. */
export function linkWorkflows(input: { edges: readonly DependencyEdge[]; criteria: WorkflowCriteria }): Workflow[] {
  const links = input.edges.filter((edge) => edge.source === 'link');
  const consumers = new Set(links.map((edge) => edge.to));
  const starts = [...new Set(links.map((edge) => edge.from))].filter((from) => !consumers.has(from));
  const workflows: Workflow[] = [];
  for (const start of starts) {
    const chain = [start];
    for (let next = links.find((edge) => edge.from === start); next && !chain.includes(next.to) && chain.length < 8; next = links.find((edge) => edge.from === chain[chain.length - 1])) {
      chain.push(next.to);
    }
    const taken = new Set<string>();
    const steps = chain.map((operationId) => stepDraft(operationId, 1, taken));
    wireSteps(steps, links);
    workflows.push({
      id: `workflow_links_${steps[0].id}`,
      name: `Linked calls from ${start}: ${chain.join(' → ')}`,
      category: 'links',
      rationale: `The spec's links say how each response feeds the next request; the workflow follows them with the values they name.`,
      steps: finishSteps(steps),
      criteria: input.criteria,
    });
  }
  return workflows;
}

/** Workflows the config declares by operationId; unknown operations are reported and the workflow skipped. */
export function declaredWorkflows(input: {
  declared: readonly DeclaredWorkflow[];
  operations: readonly OperationAnalysis[];
  edges: readonly DependencyEdge[];
  criteria: WorkflowCriteria;
  report: Report;
}): Workflow[] {
  const known = new Set(input.operations.map((operation) => operation.operationId));
  const workflows: Workflow[] = [];
  const seen = new Set<string>();
  for (const declaration of input.declared) {
    const unknown = declaration.steps.map((step, index) => ({ step, index })).filter(({ step }) => !known.has(step.operationId));
    if (unknown.length > 0) {
      for (const { step, index } of unknown) {
        input.report({
          code: 'config/workflow-unknown-operation',
          severity: 'error',
          message: `Workflow "${declaration.name}" names operationId "${step.operationId}", which the spec does not have.`,
          pointer: `${declaration.key}.steps[${index}].operationId`,
          fix: 'This workflow is left out of the plan; fix the operationId (see "perfplan analyze --json" for the ids).',
        });
      }
      continue;
    }
    const taken = new Set<string>();
    const steps = declaration.steps.map((step) => stepDraft(step.operationId, step.weight ?? 1, taken));
    wireSteps(steps, input.edges);
    let id = `workflow_${declaration.name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'custom'}`;
    for (let n = 2; seen.has(id); n++) id = `${id}_${n}`;
    seen.add(id);
    workflows.push({
      id,
      name: declaration.name,
      category: 'custom',
      rationale: `Declared in the config (${declaration.key}).`,
      steps: finishSteps(steps),
      criteria: input.criteria,
    });
  }
  return workflows;
}
