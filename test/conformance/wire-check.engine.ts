import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { writeReport } from '../../tools/conformance/report.js';
import { runConformance } from '../../tools/conformance/run-conformance.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { FIXTURE_SPECS_DIR, FIXTURES_DIR } from '../helpers/paths.js';
import { tempDir } from './temp-dir.js';
import { expectWireMatches, recordsOf } from './wire-expectations.js';

// Issue 13 item 3: every engine (k6 through its double, real Locust, real JMeter 5.6.3) sends
// exactly the kit's wire form (perfplan/plugin wireForm) of every planned request, checked by the
// conformance harness's wire check against what reached the recording proxy. The request-class
// fixtures are checked the same way by request-classes-{bodies,urls,workflow}.engine.ts.

const ENGINES = ['k6', 'locust', 'jmeter'];
/** A corpus spec made of form bodies: 62 form-urlencoded bodies, basic auth, a server per path. */
const FORM_HEAVY = path.join(CORPUS_DIR, 'twilio-api-v2010-1.0.0.json');

/**
 * Requests of the wire-styles fixture Prism 5 refuses whatever the engine: it reads an XML body as
 * text against its object schema, the `,` of an explode:false form field as a reserved character,
 * and (known unsupported, the plan says so) a multipart array sent as repeated parts.
 */
const PRISM_REFUSES = new Map([
  ['xmlBody', /Request body must be object/],
  ['formBody', /Reserved characters used in request body/],
  ['multipartBody', /must be (array|object)/],
]);

describe('conformance wire check: every engine sends the kit\'s wire form', function () {
  this.timeout(40 * 60_000);
  const dir = tempDir('wire-check');
  after(() => dir.remove());

  it('wire-styles (every style, explode, deepObject, form, multipart and XML case, workflows into path, query, header, cookie, body and a Location), petstore and link-example', async () => {
    const specs = [path.join(FIXTURES_DIR, 'request-classes', 'wire-styles.yaml'), path.join(FIXTURE_SPECS_DIR, 'swagger-petstore-oas3-1.0.27.yaml'), path.join(FIXTURE_SPECS_DIR, 'oai-link-example-1.0.0.yaml')];
    const out = path.join(dir.path, 'fixtures');
    const report = await runConformance({ specs, engines: ENGINES, outDir: out, types: ['load', 'workflow'], limits: { engineTimeoutMs: 4 * 60_000, prismStartupTimeoutMs: 60_000 } });
    writeReport(out, report);
    expect(report.results.map((result) => `${result.spec} ${result.engine}`)).to.deep.equal(specs.flatMap((spec) => ENGINES.map((engine) => `${path.basename(spec)} ${engine}`)));
    for (const result of report.results) {
      const label = `${result.spec} × ${result.engine}`;
      const records = recordsOf(path.join(out, 'runs', result.spec, result.engine, 'requests.json'));
      expectWireMatches(result, records, label);
      expect(result.operationsCalled, `${label}: ${JSON.stringify(result.uncalledOperations)}`).to.equal(result.operationsInPlan);
      expect(result.scriptErrors, label).to.deep.equal([]);
      if (result.spec !== 'wire-styles.yaml') {
        expect(result.verdict, `${label}: ${result.verdictReasons.join('; ')}`).to.equal('pass');
        continue;
      }
      for (const group of result.rejections) {
        const refused = PRISM_REFUSES.get(group.operationId);
        expect(refused, `${label}: ${group.operationId} rejected: ${JSON.stringify(group.reasons)}`).to.not.equal(undefined);
        for (const reason of group.reasons) expect(reason.reason, `${label}: ${group.operationId}`).to.match(refused!);
      }
      // Every workflow step is sent, with the values the earlier steps' answers gave (Prism's examples).
      const sent = records.filter((record) => record.phase !== undefined && /^workflows?$/.test(record.phase)).map((record) => `${record.method} ${record.url.replace(/\+/g, '%20')}`);
      expect(sent, label).to.include.members(['GET /things/5?trace=c%201%262', 'PUT /things/5', 'GET /notes/7']);
    }
  });

  it('a form-heavy corpus spec (Twilio: 62 form bodies)', async function () {
    if (!fs.existsSync(FORM_HEAVY)) {
      console.log(`      skipped: ${FORM_HEAVY} is not there (the corpus is ../shared/specs beside the checkout, or PERFPLAN_SPECS_DIR)`);
      this.skip();
    }
    const out = path.join(dir.path, 'form-heavy');
    const report = await runConformance({ specs: [FORM_HEAVY], engines: ENGINES, outDir: out, types: ['load', 'workflow'], limits: { engineTimeoutMs: 8 * 60_000 } });
    writeReport(out, report);
    for (const result of report.results) {
      const label = `${result.spec} × ${result.engine}`;
      expectWireMatches(result, recordsOf(path.join(out, 'runs', result.spec, result.engine, 'requests.json')), label);
      expect(result.verdict, `${label}: ${result.verdictReasons.join('; ')}`).to.equal('pass');
    }
  });
});
