import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import yaml from 'js-yaml';
import jmeterRenderer from '../../plugins/jmeter/src/index.js';
import type { TestPlan } from '../../src/model/index.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { renderWith, writeFiles } from '../helpers/render-plugin.js';
import { evaluate } from '../../plugins/jmeter/test/jmeter-expressions.js';
import { planFrom } from '../../plugins/jmeter/test/planned.js';
import { importScript, installK6Stub, resetRecorder } from '../../plugins/k6/test/k6-stub.js';
import { renderK6 } from '../../plugins/k6/test/render-k6.js';
import { renderLocust, runPython } from '../../plugins/locust/test/render-locust.js';

// Issue 12, "every request right": the URL classes (servers of an operation's own; path keys
// with a #fragment, a literal ?query, :name and <name> placeholders) give the same URL bytes in
// every engine: k6's support.js (run with the k6 stub), Locust's perfplan_runtime.py (run with
// python3) and the JMeter samplers' URLs (evaluated as JMeter would, with the base URLs the run
// check decides; the run check itself runs in JMeter in request-classes-urls.engine.ts).

const BASE = 'http://base.test/api';

function fixturePlan(name: string): Promise<TestPlan> {
  return planFrom(yaml.load(fs.readFileSync(path.join(FIXTURES_DIR, 'request-classes', name), 'utf8')) as object);
}

/** A dummy for every credential, BASE_URL with a trailing slash, and the given server variables. */
function environment(plan: TestPlan, servers: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { BASE_URL: `${BASE}/` };
  for (const variable of plan.environment) if (variable.secret) env[variable.name] = `dummy-${variable.name.toLowerCase()}`;
  return { ...env, ...servers };
}

/** Where each server's requests go, as every engine decides it: its variable, else the spec's URL (a relative one on BASE_URL's origin). */
function serverBases(plan: TestPlan, env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    (plan.servers ?? []).map((server) => [server.env, (env[server.env] ?? (server.relative ? new URL(BASE).origin + server.url : server.url)).replace(/\/+$/, '')]),
  );
}

async function k6Urls(plan: TestPlan, env: Record<string, string>): Promise<Record<string, string>> {
  const dir = writeFiles((await renderK6(plan)).files, 'perfplan-k6-urls-');
  try {
    installK6Stub(dir);
    const recorder = resetRecorder();
    const requests = await importScript<Record<string, unknown>>(path.join(dir, 'k6', 'lib', 'requests.js'), env);
    for (const value of Object.values(requests)) if (typeof value === 'function') (value as () => unknown)();
    return Object.fromEntries(recorder.calls.map((call) => [call.group!, call.url]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function locustUrls(plan: TestPlan, env: Record<string, string>): Promise<Record<string, string>> {
  const dir = writeFiles((await renderLocust(plan)).files, 'perfplan-locust-urls-');
  try {
    const program = [
      'import json, sys',
      'sys.path.insert(0, sys.argv[1])',
      'import perfplan_runtime as rt',
      'from perfplan_plan import RUN_SEED, SERVERS',
      'from perfplan_requests import REQUESTS',
      'environ = json.load(sys.stdin)',
      'base = environ["BASE_URL"].rstrip("/")',
      'servers = {env: rt.server_url(server, environ.get(env), base) for env, server in SERVERS.items()}',
      'out = {}',
      'for operation_id, op in REQUESTS.items():',
      '    url = rt.prepare_request(op, None, {}, rt.Position(RUN_SEED, 0, None, 0), environ, servers).url',
      // Locust's client puts a relative URL on its host (--host or BASE_URL).
      '    out[operation_id] = url if url.startswith("http") else base + url',
      'print(json.dumps(out))',
    ].join('\n');
    return JSON.parse(runPython(program, [path.join(dir, 'locust')], JSON.stringify(env))) as Record<string, string>;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function jmeterUrls(plan: TestPlan, env: Record<string, string>): Promise<Record<string, string>> {
  const jmx = (await renderWith(jmeterRenderer, plan)).byPath('jmeter/load.jmx');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (_name, _path, _leaf, isAttribute) => !isAttribute, parseTagValue: false, trimValues: false });
  const out: Record<string, string> = {};
  const properties: Record<string, string> = {};
  for (const [name, base] of Object.entries(serverBases(plan, env))) properties[`perfplan.server.${name}`] = base;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const sampler of (record.HTTPSamplerProxy ?? []) as Array<Record<string, unknown>>) {
      const url = ((sampler.stringProp ?? []) as Array<Record<string, string>>).find((prop) => prop.name === 'HTTPSampler.path')!['#text']!;
      out[sampler.testname as unknown as string] = evaluate(url.replace('${baseUrl}', BASE), { properties, nowMs: 0 });
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'HTTPSamplerProxy') walk(value);
  };
  walk(parser.parse(jmx));
  return out;
}

describe('request URLs: the same bytes in every engine for every URL class', function () {
  this.timeout(60_000);

  const cases: Array<{ fixture: string; servers: Record<string, string>; expected: Record<string, string> }> = [
    {
      fixture: 'operation-servers.yaml',
      servers: { BASE_URL_UPLOAD: 'http://up.test/x/' },
      expected: {
        getFile: `${BASE}/files/12345`,
        uploadFile: 'http://up.test/x/files/content',
        uploadFileVersion: 'http://up.test/x/files/12345/content',
        // Not set: the spec's server (the scripts refuse to start a test case that may not use it: see the engine tests).
        getReport: 'https://eu.reports.example.com:8443/r/reports/7',
        // Relative: on BASE_URL's scheme, host and port.
        legacyStatus: 'http://base.test/legacy/status',
        getCurrentUser: `${BASE}/users/me`,
      },
    },
    {
      fixture: 'fragment-paths.yaml',
      servers: {},
      expected: {
        getFile: `${BASE}/files/12345`,
        updateFile: `${BASE}/files/12345`,
        getSharedLink: `${BASE}/files/12345?fields=shared_link`,
        addSharedLink: `${BASE}/files/12345?fields=shared_link`,
        removeSharedLink: `${BASE}/files/12345?fields=shared_link`,
        searchContent: `${BASE}/search?query=quarterly%20report`,
      },
    },
    {
      fixture: 'query-in-path.yaml',
      servers: {},
      expected: {
        listResponses: `${BASE}/responses?limit=20`,
        createBetaResponse: `${BASE}/responses?beta=true&stream=false`,
        getResponseFull: `${BASE}/responses/resp_abc123?view=full&lang=en%20GB`,
        exportCsv: `${BASE}/export?format=csv&note=caf%C3%A9%20au%20lait`,
      },
    },
    {
      fixture: 'placeholder-paths.yaml',
      servers: {},
      expected: {
        getUser: `${BASE}/users/42`,
        getAvatar: `${BASE}/users/42/avatars/small.png`,
        cancelOrder: `${BASE}/orders/ord-0001`,
        getItem: `${BASE}/items/9`,
        legacyPing: `${BASE}/legacy/:token`,
        echoRaw: `${BASE}/echo/%3Craw%3E`,
      },
    },
  ];

  it('a workflow step\'s relative URL (a Location) is taken on the server of the step\'s operation, in k6 and Locust', async () => {
    const plan = await fixturePlan('operation-servers.yaml');
    const env = environment(plan, { BASE_URL_UPLOAD: 'http://up.test/x/' });
    const k6Dir = writeFiles((await renderK6(plan)).files, 'perfplan-k6-urls-');
    const locustDir = writeFiles((await renderLocust(plan)).files, 'perfplan-locust-urls-');
    try {
      installK6Stub(k6Dir);
      const recorder = resetRecorder();
      const requests = await importScript<Record<string, (session?: unknown, overrides?: unknown) => unknown>>(path.join(k6Dir, 'k6', 'lib', 'requests.js'), env);
      for (const url of ['/files/9', 'files/9', 'http://elsewhere.test/f']) {
        requests.uploadFile!(undefined, { url });
        requests.getFile!(undefined, { url });
      }
      const expected = ['http://up.test/files/9', 'http://base.test/files/9', 'http://up.test/x/files/9', `${BASE}/files/9`, 'http://elsewhere.test/f', 'http://elsewhere.test/f'];
      expect(recorder.calls.map((call) => call.url)).to.deep.equal(expected);
      const program = [
        'import json, sys',
        'sys.path.insert(0, sys.argv[1])',
        'import perfplan_runtime as rt',
        'from perfplan_requests import REQUESTS',
        'servers = {"BASE_URL_UPLOAD": "http://up.test/x"}',
        'print(json.dumps([rt.prepare_request(REQUESTS[op], {"url": url}, {}, None, {}, servers).url for url in ["/files/9", "files/9", "http://elsewhere.test/f"] for op in ["uploadFile", "getFile"]]))',
      ].join('\n');
      // Locust's client puts the getFile ones (relative, no server of their own) on its host.
      expect(JSON.parse(runPython(program, [path.join(locustDir, 'locust')]))).to.deep.equal(['http://up.test/files/9', '/files/9', 'http://up.test/x/files/9', 'files/9', 'http://elsewhere.test/f', 'http://elsewhere.test/f']);
    } finally {
      fs.rmSync(k6Dir, { recursive: true, force: true });
      fs.rmSync(locustDir, { recursive: true, force: true });
    }
  });

  for (const { fixture, servers, expected } of cases) {
    it(`${fixture}: k6, Locust and JMeter send ${Object.keys(expected).length} operations to the same URLs`, async () => {
      const plan = await fixturePlan(fixture);
      const env = environment(plan, servers);
      const [k6, locust, jmeter] = [await k6Urls(plan, env), await locustUrls(plan, env), await jmeterUrls(plan, env)];
      expect(k6, 'k6').to.deep.equal(expected);
      expect(locust, 'Locust').to.deep.equal(expected);
      expect(jmeter, 'JMeter').to.deep.equal(expected);
    });
  }
});
