import { RUN_SEED_ENV, type RequestTemplate, type TestPlan, type ValueVariation } from '../model/index.js';

/** The Markdown text of one table cell (the caller's escapers). */
export interface MarkdownText {
  text: (value: string, max?: number) => string;
  code: (value: string) => string;
}

function howItVaries(variation: ValueVariation, plan: TestPlan, md: MarkdownText): string {
  const column = 'column' in variation ? plan.data?.columns.find((candidate) => candidate.name === variation.column) : undefined;
  switch (variation.kind) {
    case 'integer':
      return `an integer from ${variation.min} to ${variation.min + variation.step * (variation.count - 1)}${variation.step === 1 ? '' : ` in steps of ${variation.step}`}`;
    case 'string':
    case 'email':
      return `${variation.kind === 'email' ? 'an email' : 'text'}: feeder column ${md.code(variation.column)}${column ? ` (${md.text(column.description.replace(/ for .*$/, ''), 40)})` : ''} + \`-\` + ${variation.width} base36 digits${variation.kind === 'email' ? ' before the @' : ''}`;
    case 'uuid':
      return 'a UUID';
    case 'request-key':
      return 'a fresh UUID for every request';
    case 'credential':
      return `${md.code(variation.env)}, else the spec's example`;
    case 'file':
      return `a file of ${variation.bytes} bytes`;
  }
}

/** One row per variation; the items of a bulk body share one row (their index written as a star), each item in its own lane. */
function variationRows(request: RequestTemplate, plan: TestPlan, md: MarkdownText): string[] {
  const rows: string[] = [];
  const seen = new Set<string>();
  for (const variation of request.variations ?? []) {
    const lane = 'lane' in variation ? variation.lane : undefined;
    const target = lane === undefined ? variation.target : variation.target.replace(/^body#\/\d+/, 'body#/*');
    if (seen.has(target)) continue;
    seen.add(target);
    const items = lane === undefined ? '' : ` (each of ${lane.of} items)`;
    rows.push(`| ${md.text(request.operationId, 80)} | ${md.code(target)} | ${howItVaries(variation, plan, md)}${items} |`);
  }
  return rows;
}

/** PLAN.md's Data section: what varies per iteration, the seed, the feeders, credentials, uploads and bulk bodies. */
export function dataSection(plan: TestPlan, md: MarkdownText): string[] {
  const data = plan.data;
  if (data === undefined) return [];
  const varied = plan.requests.filter((request) => (request.variations?.length ?? 0) > 0);
  const lines = [
    '## Data',
    '',
    'Write requests send values that change every iteration instead of the same example each time (a real server rejects or replays repeats under load): ' +
      'ids, identifying names, emails and UUIDs; idempotency-key and request-id headers get a fresh UUID for every request. ' +
      `A run seed picks the set of values: \`${RUN_SEED_ENV}\` (k6 \`-e ${RUN_SEED_ENV}=N\`, Locust environment) or \`-JrunSeed=N\` (JMeter), default \`${data.seed}\`. ` +
      'The same seed gives the same values in every engine; give each run its own seed to send values no earlier run sent.',
    '',
    'Each value comes from the seed and the iteration\'s number n, unique across the run\'s virtual users (k6: the scenario\'s `iterationInTest` × the test cases + the test case\'s index; ' +
      'Locust: a counter of the process; JMeter: a counter of the JVM): an integer is min + step × ((mix32(seed) + n) mod count), wrapping within the schema\'s range; ' +
      'text is a feeder row + `-` + base36 digits of (mix32(seed) + n), fitted to the schema\'s maxLength; enums, constants and other formats never vary, and a field varies only when such values validate against its schema. ' +
      'A workflow step\'s carried values win over these. Several Locust processes (`--processes`, distributed workers) or JMeter remote engines each count from 0: give each its own seed.',
    '',
    '| operation | value | varies as |',
    '|---|---|---|',
    ...varied.flatMap((request) => variationRows(request, plan, md)),
    '',
  ];
  if (data.columns.length > 0) {
    lines.push(
      `**Feeder**: the realistic base values of text fields, ${data.rows} rows (config \`data.feederRows\`), in \`k6/lib/feeder.json\` (a SharedArray), \`locust/perfplan_feeder.csv\` and \`jmeter/perfplan-feeder.csv\` (a CSV Data Set Config). ` +
        `Iteration n takes row n mod ${data.rows} (k6: the scenario's iteration; JMeter: each iteration the file's next row, shared by all threads), and its unique suffix still applies.`,
      '',
      '| column | feeds | first rows |',
      '|---|---|---|',
      ...data.columns.map((column) => `| ${md.code(column.name)} | ${md.text(column.description, 200)} | ${md.text(column.values.slice(0, 3).join(', '), 80)} |`),
      '',
    );
  }
  // A credential that is a whole body is a JWT body (requestVariations); the others are login fields.
  const loginField = (variation: ValueVariation) => variation.kind === 'credential' && variation.target !== 'body';
  const credentials = plan.environment.filter((variable) => varied.some((request) => request.variations!.some((variation) => loginField(variation) && 'env' in variation && variation.env === variable.name)));
  const jwtBodies = varied.filter((request) => request.variations!.some((variation) => variation.kind === 'credential' && variation.target === 'body'));
  if (jwtBodies.length > 0) {
    const variables = [...new Set(jwtBodies.flatMap((request) => request.variations!.flatMap((variation) => (variation.kind === 'credential' && variation.target === 'body' ? [variation.env] : []))))];
    lines.push(
      `**JWT bodies** (${jwtBodies.map((request) => md.text(request.operationId, 80)).join(', ')}) come from ${variables.map((name) => md.code(name)).join(', ')} (see Environment) when set. ` +
        "Unset, they are the spec's example, else an unsigned placeholder: a compact JWS with fixed claims and a dummy signature, which exercises the endpoint in a load test but which a server that verifies signatures refuses.",
      '',
    );
  }
  if (credentials.length > 0) {
    lines.push(`**Credentials** of login operations come from ${credentials.map((variable) => md.code(variable.name)).join(', ')} (see Environment), the spec's example when unset.`, '');
  }
  const uploads = varied.filter((request) => request.variations!.some((variation) => variation.kind === 'file'));
  if (uploads.length > 0) {
    lines.push(
      `**Uploads** (${uploads.map((request) => md.text(request.operationId, 80)).join(', ')}) send a file of ${data.uploadBytes} bytes (config \`data.uploadBytes\`, at most \`dataLimits.maxBodyBytes\`), built by the engine at run time from a fixed pattern.`,
      '',
    );
  }
  const bulk = varied.filter((request) => Array.isArray(request.body?.value) && request.variations!.some((variation) => 'lane' in variation && variation.lane !== undefined));
  if (bulk.length > 0) {
    lines.push(
      `**Bulk bodies** (${bulk.map((request) => `${md.text(request.operationId, 80)}: ${(request.body!.value as unknown[]).length} items`).join(', ')}) are sized from the analysis: up to ${data.bulkItems} items (config \`data.bulkItems\`), at most the schema's maxItems.`,
      '',
    );
  }
  return lines;
}
