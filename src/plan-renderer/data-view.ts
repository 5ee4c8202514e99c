import { RUN_SEED_ENV, type RequestTemplate, type TestPlan, type ValueVariation } from '../model/index.js';
import { mdCode, mdText } from './markdown-text.js';

/** PLAN.md's Data section (templates/plan/data.md.ejs): what varies per iteration, the seed, the feeders, credentials, uploads and bulk bodies. */
export interface DataView {
  runSeedEnv: string;
  seed: number;
  /** One row per varied value: operation, value (inline code), how it varies. */
  variations: Array<{ operation: string; value: string; variesAs: string }>;
  feeder?: { rows: number; columns: Array<{ name: string; feeds: string; firstRows: string }> };
  jwtBodies?: { operations: string; variables: string };
  /** The variables of login credentials, as inline code, joined. */
  credentials?: string;
  uploads?: { operations: string; bytes: number };
  bulk?: { bodies: string; maxItems: number };
}

function howItVaries(variation: ValueVariation, plan: TestPlan): string {
  const column = 'column' in variation ? plan.data?.columns.find((candidate) => candidate.name === variation.column) : undefined;
  switch (variation.kind) {
    case 'integer':
      return `an integer from ${variation.min} to ${variation.min + variation.step * (variation.count - 1)}${variation.step === 1 ? '' : ` in steps of ${variation.step}`}`;
    case 'string':
    case 'email':
      return `${variation.kind === 'email' ? 'an email' : 'text'}: feeder column ${mdCode(variation.column)}${column ? ` (${mdText(column.description.replace(/ for .*$/, ''), 40)})` : ''} + \`-\` + ${variation.width} base36 digits${variation.kind === 'email' ? ' before the @' : ''}`;
    case 'uuid':
      return 'a UUID';
    case 'request-key':
      return 'a fresh UUID for every request';
    case 'credential':
      return `${mdCode(variation.env)}, else the spec's example`;
    case 'file':
      return `a file of ${variation.bytes} bytes`;
  }
}

/** One row per variation; the items of a bulk body share one row (their index written as a star), each item in its own lane. */
function variationRows(request: RequestTemplate, plan: TestPlan): DataView['variations'] {
  const rows: DataView['variations'] = [];
  const seen = new Set<string>();
  for (const variation of request.variations ?? []) {
    const lane = 'lane' in variation ? variation.lane : undefined;
    const target = lane === undefined ? variation.target : variation.target.replace(/^body#\/\d+/, 'body#/*');
    if (seen.has(target)) continue;
    seen.add(target);
    const items = lane === undefined ? '' : ` (each of ${lane.of} items)`;
    rows.push({ operation: mdText(request.operationId, 80), value: mdCode(target), variesAs: `${howItVaries(variation, plan)}${items}` });
  }
  return rows;
}

function operationList(requests: readonly RequestTemplate[]): string {
  return requests.map((request) => mdText(request.operationId, 80)).join(', ');
}

/** The Data section's view; undefined when the plan varies nothing. */
export function dataView(plan: TestPlan): DataView | undefined {
  const data = plan.data;
  if (data === undefined) return undefined;
  const varied = plan.requests.filter((request) => (request.variations?.length ?? 0) > 0);
  const view: DataView = { runSeedEnv: RUN_SEED_ENV, seed: data.seed, variations: varied.flatMap((request) => variationRows(request, plan)) };
  if (data.columns.length > 0) {
    view.feeder = {
      rows: data.rows,
      columns: data.columns.map((column) => ({ name: mdCode(column.name), feeds: mdText(column.description, 200), firstRows: mdText(column.values.slice(0, 3).join(', '), 80) })),
    };
  }
  // A credential that is a whole body is a JWT body (requestVariations); the others are login fields.
  const loginField = (variation: ValueVariation) => variation.kind === 'credential' && variation.target !== 'body';
  const credentials = plan.environment.filter((variable) => varied.some((request) => request.variations!.some((variation) => loginField(variation) && 'env' in variation && variation.env === variable.name)));
  const jwtBodies = varied.filter((request) => request.variations!.some((variation) => variation.kind === 'credential' && variation.target === 'body'));
  if (jwtBodies.length > 0) {
    const variables = [...new Set(jwtBodies.flatMap((request) => request.variations!.flatMap((variation) => (variation.kind === 'credential' && variation.target === 'body' ? [variation.env] : []))))];
    view.jwtBodies = { operations: operationList(jwtBodies), variables: variables.map((name) => mdCode(name)).join(', ') };
  }
  if (credentials.length > 0) view.credentials = credentials.map((variable) => mdCode(variable.name)).join(', ');
  const uploads = varied.filter((request) => request.variations!.some((variation) => variation.kind === 'file'));
  if (uploads.length > 0) view.uploads = { operations: operationList(uploads), bytes: data.uploadBytes };
  const bulk = varied.filter((request) => Array.isArray(request.body?.value) && request.variations!.some((variation) => 'lane' in variation && variation.lane !== undefined));
  if (bulk.length > 0) {
    view.bulk = {
      bodies: bulk.map((request) => `${mdText(request.operationId, 80)}: ${(request.body!.value as unknown[]).length} items`).join(', '),
      maxItems: data.bulkItems,
    };
  }
  return view;
}
