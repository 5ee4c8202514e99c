import type { AuthPlan, RequestTemplate, Workflow, WorkflowStep } from '../../model/index.js';
import { wireForm } from './wire-form.js';
import type { WireRequest } from './types.js';

/** One workflow step with the wire form of its request, its injections as holes. */
export interface StepWire {
  step: WorkflowStep;
  request: RequestTemplate;
  wire: WireRequest;
}

/**
 * The wire form of every step of a workflow: each step's request with the values it takes from
 * earlier steps (`inject`) as `injection` holes, named by the variable an earlier step extracts
 * (`extract`, parsed with parseExtraction). A step whose operation has no request is left out,
 * and so is an injection of a variable no earlier step extracts (the plan's value is sent); `warn`
 * hears of both.
 */
export function workflowWireForms(input: { workflow: Workflow; requests: ReadonlyMap<string, RequestTemplate>; auth: readonly AuthPlan[]; warn?: (message: string) => void }): StepWire[] {
  const extracted = new Set<string>();
  const out: StepWire[] = [];
  for (const step of input.workflow.steps) {
    const request = input.requests.get(step.operationId);
    if (request === undefined) {
      input.warn?.(`step "${step.id}" calls operation "${step.operationId}", which has no request in the plan; the step is left out`);
      continue;
    }
    const injections = step.inject.filter((injection) => {
      if (extracted.has(injection.variable)) return true;
      input.warn?.(`step "${step.id}" uses "${injection.variable}", which no earlier step extracts; the plan's value is sent`);
      return false;
    });
    const warn = input.warn === undefined ? undefined : (message: string) => input.warn?.(`step "${step.id}": ${message}`);
    out.push({ step, request, wire: wireForm({ request, auth: input.auth, injections: injections.map((injection) => ({ to: injection.to, variable: injection.variable })), ...(warn ? { warn } : {}) }) });
    for (const extraction of step.extract) extracted.add(extraction.variable);
  }
  return out;
}
