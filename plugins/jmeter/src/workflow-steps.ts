import { boundedWeight, readAt, type JsonValue, type RequestTemplate, type Workflow } from 'perfplan/plugin';
import { parsePointer, type Extraction, type Injection } from './sampler.js';
import type { SamplerVariation } from './variation-script.js';

/** A workflow step ready for the sampler: its request, what it writes in and takes out. */
export interface ResolvedStep {
  id: string;
  weight: number;
  request: RequestTemplate;
  injections: Injection[];
  extractions: Extraction[];
  /**
   * JMeter variables this step sends that may have no value when it runs: an earlier step of
   * weight below 1 extracts them, and may never have given one (see workflow-stop.ts).
   */
  mayBeMissing: string[];
}

/** A value carried to later steps; `optional`: its step has a weight below 1. */
type Carried = ({ jmeterVariable: string } | { literal: JsonValue }) & { optional?: boolean };

export function workflowVariable(name: string): string {
  return `wf_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * A value the request itself sends (`$request.path.id`, `$request.body#/name`): as injected, else
 * the variable of its variation (a value that varies per iteration), else as the plan fixes it.
 */
function requestValue(input: { expression: string; request: RequestTemplate; injected: Map<string, Carried>; variations: readonly SamplerVariation[] }): Carried | undefined {
  const { expression, request, injected } = input;
  const varied = (target: string, location?: string, name?: string): Carried | undefined => {
    const found = input.variations.find(({ variation }) =>
      variation.kind !== 'file' &&
      (variation.target === target || (location === 'header' && name !== undefined && variation.target.toLowerCase() === `header.${name.toLowerCase()}`)),
    );
    return found === undefined ? undefined : { jmeterVariable: found.variable };
  };
  const body = /^\$request\.body(?:#(.*))?$/.exec(expression);
  if (body) {
    const pointer = body[1] ?? '';
    const direct = injected.get(`body#${pointer}`) ?? varied(pointer === '' ? 'body' : `body#${pointer}`);
    if (direct) return direct;
    const value = readAt(request.body?.value, parsePointer(pointer));
    return value === undefined ? undefined : { literal: value };
  }
  const parameter = /^\$request\.(path|query|header|cookie)\.(.+)$/.exec(expression);
  if (!parameter) return undefined;
  const [, location, name] = parameter;
  const direct = injected.get(`${location}.${name}`) ?? varied(`${location}.${name}`, location, name);
  if (direct) return direct;
  const found = request.parameters.find((candidate) => candidate.in === location && (location === 'header' ? candidate.name.toLowerCase() === name!.toLowerCase() : candidate.name === name));
  return found === undefined ? undefined : { literal: found.value };
}

/**
 * Steps with their injections and extractions in JMeter terms: values from responses become
 * JSON Extractor / Regular Expression Extractor variables; values the requests send are known
 * when generating and are written as literals.
 */
export function workflowSteps(input: {
  workflow: Workflow;
  requests: Map<string, RequestTemplate>;
  /** Each request's values that vary per iteration, with their variables. */
  variations?: Map<string, SamplerVariation[]>;
  warn: (message: string) => void;
}): ResolvedStep[] {
  const carried = new Map<string, Carried>();
  const steps: ResolvedStep[] = [];
  for (const step of input.workflow.steps) {
    const request = input.requests.get(step.operationId);
    if (!request) {
      input.warn(`step "${step.id}" calls operation "${step.operationId}", which has no request in the plan; the step is left out`);
      continue;
    }
    const injections: Injection[] = [];
    const injected = new Map<string, Carried>();
    const mayBeMissing = new Set<string>();
    for (const injection of step.inject) {
      const carriedValue = carried.get(injection.variable);
      if (!carriedValue) {
        input.warn(`step "${step.id}" uses "${injection.variable}", which no earlier step extracts; the plan's value is sent`);
        continue;
      }
      const { optional, ...value } = carriedValue;
      if (optional && 'jmeterVariable' in value) mayBeMissing.add(value.jmeterVariable);
      injections.push({ to: injection.to, value });
      injected.set(injection.to, value);
    }
    const optional = boundedWeight(step.weight) < 1;
    const extractions: Extraction[] = [];
    for (const extraction of step.extract) {
      const name = workflowVariable(extraction.variable);
      const body = /^\$response\.body(?:#(.*))?$/.exec(extraction.from);
      const header = /^\$response\.header\.(.+)$/.exec(extraction.from);
      const described = { from: extraction.from, planVariable: extraction.variable };
      if (body) {
        extractions.push({ jmeterVariable: name, source: { body: parsePointer(body[1] ?? '') }, ...described });
        carried.set(extraction.variable, { jmeterVariable: name, optional });
      } else if (header) {
        extractions.push({ jmeterVariable: name, source: { header: header[1]! }, ...described });
        carried.set(extraction.variable, { jmeterVariable: name, optional });
      } else {
        const value = requestValue({ expression: extraction.from, request, injected, variations: input.variations?.get(step.operationId) ?? [] });
        if (value) carried.set(extraction.variable, value);
        else input.warn(`step "${step.id}" takes "${extraction.variable}" from ${extraction.from}, which JMeter cannot read; later steps send the plan's value`);
      }
    }
    steps.push({ id: step.id, weight: step.weight, request, injections, extractions, mayBeMissing: [...mayBeMissing] });
  }
  return steps;
}
