import { expect } from 'chai';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { defaultSettings, type PipelineSettings, type PluginEntry } from '../../src/pipeline/index.js';
import { DocumentValidator, MAX_RUN_SEED, variedRequest, variedValue, type VariationContext } from '../../src/data/index.js';
import { readAt } from '../../src/data/variations/apply-variations.js';
import { parseInjection } from '../../src/plugin-api/index.js';
import type { JsonValue, RequestTemplate, TestPlan, ValueVariation } from '../../src/model/index.js';
import { createContainer, pipelineOf } from '../../src/di/index.js';

const builtins: PluginEntry[] = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));

const json = (schema: unknown) => ({ 'application/json': { schema } });
const ok = { '200': { description: 'ok' } };

/** Write, read, login, bulk and upload operations, with every kind of field the variations decide about. */
function spec(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'Widgets', version: '2.1' },
    servers: [{ url: 'http://127.0.0.1:9/api' }],
    paths: {
      '/widgets': {
        post: {
          operationId: 'createWidget',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 64 } }],
          requestBody: { required: true, content: json({ $ref: '#/components/schemas/Widget' }) },
          responses: ok,
        },
      },
      '/widgets/{widgetId}': {
        get: {
          operationId: 'getWidget',
          parameters: [
            { name: 'widgetId', in: 'path', required: true, schema: { type: 'integer', example: 7 } },
            { name: 'X-Request-ID', in: 'header', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: ok,
        },
        delete: {
          operationId: 'deleteWidget',
          parameters: [{ name: 'widgetId', in: 'path', required: true, schema: { type: 'integer', minimum: 5, maximum: 9, example: 7 } }],
          responses: ok,
        },
      },
      '/widgets/bulk': {
        post: {
          operationId: 'bulkCreateWidgets',
          requestBody: { required: true, content: json({ type: 'array', maxItems: 5, items: { $ref: '#/components/schemas/Widget' } }) },
          responses: ok,
        },
      },
      '/widgets/{widgetId}/image': {
        put: {
          operationId: 'uploadWidgetImage',
          parameters: [{ name: 'widgetId', in: 'path', required: true, schema: { type: 'integer', example: 7 } }],
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
          responses: ok,
        },
      },
      '/auth/login': {
        post: {
          operationId: 'login',
          requestBody: {
            required: true,
            content: json({ type: 'object', required: ['username'], properties: { username: { type: 'string', example: 'ann' }, password: { type: 'string', format: 'password' }, remember: { type: 'boolean' } } }),
          },
          responses: ok,
        },
      },
    },
    components: {
      schemas: {
        Widget: {
          type: 'object',
          required: ['id', 'name', 'slug', 'email', 'ref', 'status', 'created', 'code', 'tag', 'label', 'serial', 'partId'],
          properties: {
            id: { type: 'integer', minimum: 100, maximum: 199, example: 150 },
            partId: { type: 'integer', format: 'int32', multipleOf: 5, example: 10 },
            name: { type: 'string', maxLength: 12, example: 'sprocket' },
            slug: { type: 'string', pattern: '^[a-z0-9.-]+$', example: 'big-sprocket' },
            email: { type: 'string', format: 'email', example: 'ops@widgets.test' },
            ref: { type: 'string', format: 'uuid', example: '3fa85f64-5717-4562-b3fc-2c963f66afa6' },
            status: { type: 'string', enum: ['new', 'used'], example: 'new' },
            created: { type: 'string', format: 'date-time', example: '2024-01-01T00:00:00Z' },
            code: { type: 'string', const: 'W' },
            tag: { type: 'string', maxLength: 4, example: 'ab' },
            label: { type: 'string', pattern: '^[A-Z]+$', example: 'RED' },
            serial: { type: 'integer', readOnly: true, example: 3 },
            owner: { type: 'object', properties: { id: { type: 'integer', example: 4 } }, example: { id: 4 } },
          },
        },
      },
    },
  };
}

async function planOf(document: Record<string, unknown>, settings: Partial<PipelineSettings> = {}): Promise<TestPlan> {
  const pipeline = pipelineOf(createContainer({ plugins: builtins, settings: { ...defaultSettings(), types: ['load'], ...settings } }));
  return (await pipeline.plan('widgets.yaml', document)).plan;
}

function requestOf(plan: TestPlan, operationId: string): RequestTemplate {
  return plan.requests.find((request) => request.operationId === operationId)!;
}

function byTarget(request: RequestTemplate): Record<string, ValueVariation> {
  return Object.fromEntries((request.variations ?? []).map((variation) => [variation.target, variation]));
}

/** A context of the run: the feeder row of iteration n, no environment. */
function contextOf(plan: TestPlan, seed: number, iteration: number, requestIndex = 0, env: Record<string, string> = {}): VariationContext {
  const rows = plan.data!.rows;
  return {
    seed,
    iteration,
    requestIndex,
    row: (column) => plan.data!.columns.find((candidate) => candidate.name === column)?.values[iteration % rows],
    env: (name) => env[name],
  };
}

/** The value a varied request sends at a variation's target. */
function valueAt(sent: { parameters: RequestTemplate['parameters']; body: JsonValue | undefined }, target: string): JsonValue | undefined {
  const parsed = parseInjection(target)!;
  if (parsed.target === 'body') return readAt(sent.body, parsed.pointer ?? []);
  return sent.parameters.find((parameter) => parameter.in === parsed.target && parameter.name === parsed.name)?.value;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

const SEEDS = [0, 1, 2, 12345, 2 ** 31, MAX_RUN_SEED];
const ITERATIONS = [0, 1, 2, 35, 36, 99, 100, 1295, 46655, 999_999, 2 ** 31 - 1, 2 ** 32 - 1];

describe('data that varies: what the plan decides', function () {
  this.timeout(30_000);
  let plan: TestPlan;
  let document: Record<string, unknown>;

  before(async () => {
    document = spec();
    plan = await planOf(document);
  });

  it('varies the ids, identifying names, emails and UUIDs of a write request, and nothing else', () => {
    const variations = byTarget(requestOf(plan, 'createWidget'));
    expect(Object.keys(variations).sort()).to.deep.equal(
      ['body#/email', 'body#/id', 'body#/name', 'body#/partId', 'body#/ref', 'body#/slug', 'header.Idempotency-Key'].sort(),
    );
    expect(variations['body#/id']).to.deep.include({ kind: 'integer', min: 100, step: 1, count: 100 });
    expect(variations['body#/partId']).to.deep.include({ kind: 'integer', min: 5, step: 5, count: Math.floor(2147483647 / 5) });
    expect(variations['body#/name']).to.deep.include({ kind: 'string', width: 6 });
    expect(variations['body#/slug']).to.deep.include({ kind: 'string', width: 6 });
    expect(variations['body#/email']).to.deep.include({ kind: 'email', width: 6 });
    expect(variations['body#/ref']).to.deep.include({ kind: 'uuid' });
    expect(variations['header.Idempotency-Key']).to.deep.include({ kind: 'request-key' });
  });

  it('leaves out enums, consts, other formats, readOnly and nested fields, a maxLength without room and a pattern a suffix breaks', () => {
    const targets = Object.keys(byTarget(requestOf(plan, 'createWidget')));
    for (const kept of ['body#/status', 'body#/code', 'body#/created', 'body#/serial', 'body#/owner', 'body#/owner/id', 'body#/tag', 'body#/label']) expect(targets).not.to.include(kept);
  });

  it('varies path ids of writes, never those of reads; request-id headers vary on every operation', () => {
    expect(byTarget(requestOf(plan, 'deleteWidget'))['path.widgetId']).to.deep.include({ kind: 'integer', min: 5, count: 5 });
    expect(Object.keys(byTarget(requestOf(plan, 'getWidget')))).to.deep.equal(['header.X-Request-ID']);
  });

  it('sends an optional idempotency-key header the operation declares, to give it a fresh key', () => {
    const request = requestOf(plan, 'createWidget');
    expect(request.parameters.filter((parameter) => parameter.in === 'header').map((parameter) => parameter.name)).to.deep.equal(['Idempotency-Key']);
  });

  it('keeps every varied request valid for its schemas, for any seed and iteration, every feeder row included', () => {
    const validator = new DocumentValidator(document, 'request');
    const operations = (document.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> }; parameters?: Array<{ name: string; in: string; schema: unknown }> }>>);
    let checked = 0;
    for (const [path, item] of Object.entries(operations)) {
      for (const [, operation] of Object.entries(item)) {
        const planned = plan.requests.find((candidate) => candidate.path === path && operation === item[candidate.method])!;
        if (planned.variations === undefined) continue;
        // A file (1 MiB built per call) says nothing about validity: left out.
        const request = { ...planned, variations: planned.variations.filter((variation) => variation.kind !== 'file') };
        const bodySchema = operation.requestBody?.content['application/json']?.schema;
        // Every seed with the edge iterations; every feeder row (iterations 0 to rows - 1) with two seeds.
        const runs = [...SEEDS.flatMap((seed) => ITERATIONS.map((iteration) => [seed, iteration])), ...[0, MAX_RUN_SEED].flatMap((seed) => Array.from({ length: plan.data!.rows }, (_, index) => [seed, index]))];
        for (const [seed, iteration] of runs as Array<[number, number]>) {
          {
            const sent = variedRequest(request, contextOf(plan, seed, iteration, iteration % 3));
            if (bodySchema !== undefined) {
              expect(validator.validate(bodySchema, sent.body), `${request.operationId} at seed ${seed}, n ${iteration}: ${JSON.stringify(sent.body)}`).to.deep.equal({ status: 'valid' });
            }
            for (const parameter of sent.parameters) {
              const declared = operation.parameters?.find((candidate) => candidate.name === parameter.name && candidate.in === parameter.in);
              if (declared) expect(validator.validate(declared.schema, parameter.value), `${request.operationId} ${parameter.in} ${parameter.name} = ${JSON.stringify(parameter.value)}`).to.deep.equal({ status: 'valid' });
            }
            checked++;
          }
        }
      }
    }
    expect(checked).to.be.greaterThan(500);
  });

  it('gives 100 iterations 100 different values of every varied field (within its range), request keys different per request too', () => {
    let fields = 0;
    for (const request of plan.requests.filter((candidate) => candidate.variations !== undefined)) {
      for (const variation of request.variations!) {
        if (variation.kind === 'credential' || variation.kind === 'file') continue;
        const seen = new Set<string>();
        for (let iteration = 0; iteration < 100; iteration++) {
          for (const requestIndex of variation.kind === 'request-key' ? [0, 1, 2] : [0]) {
            const current = valueAt({ parameters: request.parameters, body: request.body?.value }, variation.target);
            seen.add(JSON.stringify(variedValue(variation, current, contextOf(plan, plan.data!.seed, iteration, requestIndex))));
          }
        }
        // An integer wraps within its range: a bulk item's lane steps by the item count, so it meets count / gcd(items, count) values.
        const lanes = 'lane' in variation && variation.lane !== undefined ? variation.lane.of : 1;
        const expected = variation.kind === 'request-key' ? 300 : variation.kind === 'integer' ? Math.min(100, variation.count / gcd(lanes, variation.count)) : 100;
        expect(seen.size, `${request.operationId} ${variation.target}`).to.equal(expected);
        fields++;
      }
    }
    expect(fields).to.be.greaterThan(20);
  });

  it('builds each feeder column with a different, valid row for every row, row 0 from a fixed list', () => {
    const { data } = plan;
    expect(data!.rows).to.equal(100);
    expect(data!.columns.length).to.be.greaterThan(0);
    for (const column of data!.columns) {
      expect(column.values).to.have.length(100);
      expect(new Set(column.values).size, column.name).to.equal(100);
      expect(column.values[0], 'row 0 is not spec text').to.match(/^(alice|Alice|alice\.adams@example\.com)/);
    }
    const name = data!.columns.find((column) => column.description.includes('createWidget body#/name'))!;
    expect(name.values[1], 'row 1 is the field\'s own value, cut to leave room for the suffix').to.equal('sproc');
    expect(name.values.every((value) => value.length <= 12 - 7)).to.equal(true);
  });

  it('sends login credentials from LOGIN_* variables (optional fields too), the spec\'s example when unset', () => {
    const login = requestOf(plan, 'login');
    expect(byTarget(login)).to.deep.equal({
      'body#/username': { target: 'body#/username', kind: 'credential', env: 'LOGIN_USERNAME' },
      'body#/password': { target: 'body#/password', kind: 'credential', env: 'LOGIN_PASSWORD' },
    });
    expect(login.body?.value).to.deep.include({ username: 'ann' });
    expect((login.body?.value as Record<string, JsonValue>).password).to.be.a('string');
    const env = plan.environment.filter((variable) => variable.name.startsWith('LOGIN_'));
    expect(env.map(({ name, secret, required }) => ({ name, secret, required }))).to.deep.equal([
      { name: 'LOGIN_USERNAME', secret: false, required: false },
      { name: 'LOGIN_PASSWORD', secret: true, required: false },
    ]);
    expect(variedRequest(login, contextOf(plan, 1, 1, 0, { LOGIN_USERNAME: 'bob', LOGIN_PASSWORD: 's3cret' })).body).to.deep.include({ username: 'bob', password: 's3cret' });
    expect(variedRequest(login, contextOf(plan, 1, 1, 0, { LOGIN_USERNAME: '' })).body).to.deep.include({ username: 'ann' });
  });

  it('documents a LOGIN_* variable only when a request keeps the credential (a body that would break its schema keeps its own values)', async () => {
    const strict = await planOf({
      openapi: '3.0.3',
      info: { title: 'strict', version: '1' },
      paths: {
        '/login': {
          post: {
            operationId: 'signIn',
            requestBody: { required: true, content: json({ type: 'object', maxProperties: 1, required: ['username'], properties: { username: { type: 'string', example: 'ann' }, password: { type: 'string' } } }) },
            responses: ok,
          },
        },
        // Something varies, so the plan has data and environment variables for it.
        '/things': { post: { operationId: 'createThing', requestBody: { required: true, content: json({ type: 'object', properties: { id: { type: 'integer', example: 1 } } }) }, responses: ok } },
      },
    });
    expect(strict.data).not.to.equal(undefined);
    const request = requestOf(strict, 'signIn');
    expect(request.variations).to.equal(undefined);
    expect(request.body?.value).to.deep.equal({ username: 'ann' });
    expect(strict.environment.map((variable) => variable.name).filter((name) => name.startsWith('LOGIN_'))).to.deep.equal([]);
  });

  it('sizes a bulk body from the schema (maxItems 5) with each item in its own lane, and an upload at 1 MiB', () => {
    const bulk = requestOf(plan, 'bulkCreateWidgets');
    expect(bulk.body?.value).to.be.an('array').with.length(5);
    const ids = (bulk.variations ?? []).filter((variation) => variation.target.endsWith('/id'));
    expect(ids.map((variation) => [variation.target, 'lane' in variation ? variation.lane : undefined])).to.deep.equal(
      [0, 1, 2, 3, 4].map((index) => [`body#/${index}/id`, { index, of: 5 }]),
    );
    const items = variedRequest(bulk, contextOf(plan, 7, 3)).body as Array<Record<string, JsonValue>>;
    expect(new Set(items.map((item) => item.id)).size, 'the items of one request differ').to.equal(5);
    const upload = requestOf(plan, 'uploadWidgetImage');
    expect(byTarget(upload).body).to.deep.equal({ target: 'body', kind: 'file', bytes: 1_048_576 });
    const file = variedRequest(upload, contextOf(plan, 0, 0)).body as { $file: { content: string } };
    expect(file.$file.content).to.have.length(1_048_576);
    expect(file.$file.content.startsWith('perfplan-sample\nperfplan-sample\n')).to.equal(true);
  });

  it('caps uploads and bulk bodies at the data limits, and takes sizes, rows and the seed from config', async () => {
    const small = await planOf(spec(), { dataLimits: { maxBodyBytes: 2000, maxArrayItems: 3 }, data: { seed: 42, rows: 7, uploadBytes: 1_000_000, bulkItems: 50 } });
    expect(byTarget(requestOf(small, 'uploadWidgetImage')).body).to.deep.include({ bytes: 2000 });
    expect(requestOf(small, 'bulkCreateWidgets').body?.value).to.have.length(3);
    expect(small.data).to.deep.include({ seed: 42, rows: 7, uploadBytes: 2000, bulkItems: 3 });
    expect(small.data!.columns.every((column) => column.values.length === 7)).to.equal(true);
    expect(small.environment.find((variable) => variable.name === 'PERFPLAN_RUN_SEED')?.default).to.equal('42');
  });

  it('is deterministic: the same spec gives the same variations, feeder and seed', async () => {
    const again = await planOf(spec());
    expect(JSON.stringify({ requests: again.requests, data: again.data })).to.equal(JSON.stringify({ requests: plan.requests, data: plan.data }));
    const other = await planOf({ ...spec(), info: { title: 'Widgets', version: '2.2' } });
    expect(other.data!.seed, 'the default seed follows the API\'s title and version').not.to.equal(plan.data!.seed);
  });

  it('plans no data when nothing varies', async () => {
    const readOnly = await planOf({ openapi: '3.0.3', info: { title: 'r', version: '1' }, paths: { '/x': { get: { operationId: 'x', responses: ok } } } });
    expect(readOnly.data).to.equal(undefined);
    expect(readOnly.environment.map((variable) => variable.name)).not.to.include('PERFPLAN_RUN_SEED');
  });
});
