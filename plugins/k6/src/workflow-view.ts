import { boundedWeight, jsLiteral, jsString, parseExtraction, parseInjection, type Workflow } from 'perfplan/plugin';

/** The tag value and id of a workflow in scripts and thresholds (`{workflow:ID}` allows no other characters). */
export function workflowTag(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]+/g, '_') || 'workflow';
}

function fields(entries: Array<[string, string | undefined]>): string {
  return `{ ${entries.filter(([, value]) => value !== undefined).map(([key, value]) => `${key}: ${value}`).join(', ')} }`;
}

/**
 * The workflow object literal `runWorkflow` walks: steps with their request functions, parsed
 * extractions and injections, and where each variable comes from (for error messages).
 */
export function workflowLiteral(input: {
  workflow: Workflow;
  thinkTimeSeconds: number;
  functionNames: Map<string, string>;
  warn: (message: string) => void;
}): string[] {
  const { workflow, functionNames, warn } = input;
  const origins: Array<{ key: string; value: string }> = [];
  const steps: string[] = [];
  for (const step of workflow.steps) {
    const functionName = functionNames.get(step.operationId);
    if (!functionName) continue;
    const extract = step.extract.map((extraction) => {
      const parsed = parseExtraction(extraction.from);
      if (!parsed) warn(`step "${step.id}" extracts "${extraction.variable}" with "${extraction.from}", which k6 cannot evaluate; the step fails when it runs`);
      origins.push({ key: jsString(extraction.variable), value: jsString(`${extraction.from} of step "${step.id}"`) });
      return fields([
        ['variable', jsString(extraction.variable)],
        ['from', jsString(extraction.from)],
        ['source', jsString(parsed?.source ?? 'unsupported')],
        ['name', parsed?.name === undefined ? undefined : jsString(parsed.name)],
        ['pointer', parsed?.pointer === undefined ? undefined : jsLiteral(parsed.pointer)],
      ]);
    });
    const inject = step.inject.flatMap((injection) => {
      const parsed = parseInjection(injection.to);
      if (!parsed) {
        warn(`step "${step.id}" puts "${injection.variable}" into "${injection.to}", which k6 does not know; the value is not sent`);
        return [];
      }
      return [
        fields([
          ['variable', jsString(injection.variable)],
          ['to', jsString(injection.to)],
          ['target', jsString(parsed.target)],
          ['name', parsed.name === undefined ? undefined : jsString(parsed.name)],
          ['pointer', parsed.pointer === undefined ? undefined : jsLiteral(parsed.pointer)],
        ]),
      ];
    });
    const list = (items: string[]) => (items.length === 0 ? '[]' : `[\n${items.map((item) => `        ${item},`).join('\n')}\n      ]`);
    steps.push(
      [
        '    {',
        `      id: ${jsString(step.id)},`,
        `      weight: ${Number(boundedWeight(step.weight).toFixed(6))},`,
        `      send: requests.${functionName},`,
        `      extract: ${list(extract)},`,
        `      inject: ${list(inject)},`,
        '    },',
      ].join('\n'),
    );
  }
  const think = Number.isFinite(input.thinkTimeSeconds) && input.thinkTimeSeconds > 0 ? Number(input.thinkTimeSeconds.toFixed(6)) : 0;
  const originLines = origins.length === 0 ? ['  origins: {},'] : ['  origins: {', ...origins.map(({ key, value }) => `    ${key}: ${value},`), '  },'];
  return [
    '{',
    `  id: ${jsString(workflowTag(workflow.id))},`,
    `  thinkTimeSeconds: ${think},`,
    ...originLines,
    ...(steps.length === 0 ? ['  steps: [],'] : ['  steps: [', ...steps.join('\n').split('\n'), '  ],']),
    '}',
  ];
}
