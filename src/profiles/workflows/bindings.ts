import type { DependencyEdge, ValueExtraction, ValueInjection, WorkflowStep } from '../../model/index.js';

/** A step under construction: extractions and injections are added as edges are wired. */
export interface StepDraft {
  id: string;
  operationId: string;
  weight: number;
  extract: ValueExtraction[];
  inject: ValueInjection[];
}

export function stepDraft(operationId: string, weight: number, taken: Set<string>): StepDraft {
  let id = operationId.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'step';
  const base = id;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return { id, operationId, weight, extract: [], inject: [] };
}

function variableName(step: StepDraft, expression: string): string {
  const tail = expression.split(/[#/.]/).filter(Boolean).pop() ?? 'value';
  return `${step.id}_${tail.replace(/[^A-Za-z0-9_]+/g, '_')}`;
}

/**
 * Wires the values an edge describes from a producer step into a consumer step: the producer
 * extracts (`$response...` expressions, or `$request...` of its own request), the consumer injects.
 * A target the consumer already gets a value for is left alone.
 */
export function wire(producer: StepDraft, consumer: StepDraft, edge: DependencyEdge): boolean {
  let wired = false;
  for (const binding of edge.bindings) {
    if (!/^\$(response|request)\./.test(binding.from)) continue;
    if (consumer.inject.some((injection) => injection.to === binding.to)) continue;
    let extraction = producer.extract.find((candidate) => candidate.from === binding.from);
    if (!extraction) {
      extraction = { variable: variableName(producer, binding.from), from: binding.from };
      producer.extract.push(extraction);
    }
    consumer.inject.push({ variable: extraction.variable, to: binding.to });
    wired = true;
  }
  return wired;
}

/** Wires every edge between an earlier and a later step (the latest producer wins). */
/** Edges by `from` and `to`, in their order, per edges list (the same list serves every workflow of a plan). */
const edgeIndexes = new WeakMap<readonly DependencyEdge[], Map<string, DependencyEdge[]>>();

function edgesBetween(edges: readonly DependencyEdge[], from: string, to: string): readonly DependencyEdge[] {
  let index = edgeIndexes.get(edges);
  if (index === undefined) {
    index = new Map();
    for (const edge of edges) {
      const key = `${edge.from}\u0000${edge.to}`;
      const list = index.get(key);
      if (list === undefined) index.set(key, [edge]);
      else list.push(edge);
    }
    edgeIndexes.set(edges, index);
  }
  return index.get(`${from}\u0000${to}`) ?? [];
}

export function wireSteps(steps: StepDraft[], edges: readonly DependencyEdge[]): void {
  for (let later = 1; later < steps.length; later++) {
    for (let earlier = later - 1; earlier >= 0; earlier--) {
      for (const edge of edgesBetween(edges, steps[earlier].operationId, steps[later].operationId)) wire(steps[earlier], steps[later], edge);
    }
  }
}

export function finishSteps(steps: StepDraft[]): WorkflowStep[] {
  return steps.map((step) => ({ id: step.id, operationId: step.operationId, weight: step.weight, extract: step.extract, inject: step.inject }));
}
