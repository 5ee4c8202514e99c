import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import path from 'node:path';
import { readPlan } from '../../tools/conformance/plan-file.js';
import { cookieHeaderPieces, requestsByOperation, wireForm, wireText, workflowWireForms, type WireHole, type WireRequest } from '../../src/plugin-api/index.js';
import { FIXTURES_DIR, PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';

interface Line {
  operationId: string;
  workflow?: string;
  step?: string;
  method: string;
  url: string;
  headers: Array<[string, string]>;
  appendQuery?: string;
  body?: { encoding: string; text: string };
}

/** The outside renderer's hole syntax, written here from its README-level contract: `{{ ... }}`. */
function holeSyntax(hole: WireHole): string {
  const { source } = hole;
  if (source.kind === 'injection') return `{{ ${source.variable} }}`;
  if (source.kind === 'variation') return `{{ vary.${source.index} }}`;
  return `{{ credential.${source.auth.scheme}.${source.part} }}`;
}

function expected(wire: WireRequest): Omit<Line, 'operationId' | 'workflow' | 'step'> {
  const headers: Array<[string, string]> = wire.headers.map((header) => [header.name, wireText(header.value, holeSyntax)]);
  if (wire.cookies.length > 0) headers.push(['Cookie', wireText(cookieHeaderPieces(wire.cookies), holeSyntax)]);
  return {
    method: wire.method,
    url: wireText(wire.target, holeSyntax),
    headers,
    ...(wire.urlReplaced && wire.query.length > 0 ? { appendQuery: wire.query.map((pair) => wireText(pair, holeSyntax)).join('&') } : {}),
    ...(wire.body ? { body: { encoding: wire.body.encoding, text: wireText(wire.body.pieces, holeSyntax) } } : {}),
  };
}

// The fixture renderer (test/fixtures/outside-renderer, perfplan-plugin-csv) imports only
// perfplan/plugin and writes every request and workflow step from the kit's wire form; the
// conformance wire check shows the built-in engines send that form (wire-check.engine.ts).
describe('an outside renderer writes the kit\'s wire form: the URLs and bodies the built-ins send', function () {
  this.timeout(60_000);
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
    project.installPackage(path.join(FIXTURES_DIR, 'outside-renderer'), 'perfplan-plugin-csv');
  });
  afterEach(() => project.remove());

  for (const [name, spec] of [
    ['wire-styles (every serialization case, workflows with injected values)', path.join(FIXTURES_DIR, 'request-classes', 'wire-styles.yaml')],
    ['petstore', fixtureSpec('swagger-petstore-oas3-1.0.27.yaml')],
  ] as const) {
    it(`${name}: every request and workflow step, holes included`, async () => {
      const config = project.write('.perfplanrc.json', JSON.stringify({ spec, output: 'out', plugins: ['csv'], engines: ['csv'], types: ['load', 'workflow'] }));
      const { error } = await runCommand(['generate', '--config', config], { root: PROJECT_ROOT });
      expect(error, String(error?.message)).to.equal(undefined);
      const plan = readPlan(project.path('out'));
      const lines = project.read('out/csv/requests.jsonl').trim().split('\n').map((line) => JSON.parse(line) as Line);
      const requests = requestsByOperation(plan);
      const wanted = [
        ...plan.requests.map((request) => ({ key: request.operationId, wire: wireForm({ request, auth: plan.auth }) })),
        ...plan.workflows.flatMap((workflow) => workflowWireForms({ workflow, requests, auth: plan.auth }).map(({ step, wire }) => ({ key: `${workflow.id}/${step.id}`, wire }))),
      ];
      expect(lines.map((line) => (line.step === undefined ? line.operationId : `${line.workflow}/${line.step}`))).to.deep.equal(wanted.map((entry) => entry.key));
      lines.forEach((line, index) => {
        const { operationId: _id, workflow: _workflow, step: _step, ...written } = line;
        expect(written, wanted[index]!.key).to.deep.equal(expected(wanted[index]!.wire));
      });
      if (name.startsWith('wire-styles')) {
        // The values a step takes from earlier ones are written, never dropped: a query pair the
        // request does not declare, a header, a cookie, a whole body and a followed Location.
        const step = (id: string) => lines.find((line) => line.step === id)!;
        expect(step('getThing').url).to.equal('/things/{{ createThing_id }}?trace={{ createThing_code }}');
        expect(step('getThing').headers).to.deep.include.members([['X-Trace', '{{ createThing_code }}'], ['Cookie', 'label={{ createThing_label }}']]);
        expect(step('replaceThing').body?.text).to.equal('{{ getThing_body }}');
        expect(step('getNote').url).to.equal('{{ createNote_Location }}');
        expect(lines.find((line) => line.operationId === 'queryStyles')!.url).to.equal(
          '/query?tags=a%20b&tags=c%26d&ids=3,4,5&color=R,100,G,200&words=one%20two&codes=x%7Cy%7Cz&filter[kind]=big%20dog&filter[size][min]=3',
        );
      }
    });
  }
});
