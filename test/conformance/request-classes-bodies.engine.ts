import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { isFileMarker, jsonPatchProblem, jwtProblem } from '../../src/data/index.js';
import type { RequestTemplate } from '../../src/model/index.js';
import { readPlan } from '../../tools/conformance/plan-file.js';
import { BODY_EVIDENCE_BYTES, type RecordedRequest } from '../../tools/conformance/recording-proxy.js';
import { runConformance } from '../../tools/conformance/run-conformance.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { tempDir } from './temp-dir.js';
import { expectWireMatches } from './wire-expectations.js';

const ENGINES = ['k6', 'locust', 'jmeter'];

/** What a body of this media type must be on the wire, given what the plan says it is. */
function checkWireBody(request: RequestTemplate, record: RecordedRequest): void {
  const body = request.body!;
  const where = `${record.method} ${record.url} (${request.operationId})`;
  const type = body.mediaType.split(';')[0].trim().toLowerCase();
  expect(record.contentType?.split(';')[0].trim().toLowerCase(), `Content-Type of ${where}`).to.equal(type);
  const bytes = Buffer.from(record.bodyStart ?? '', 'base64');
  expect(bytes.length, `body of ${where}`).to.equal(record.bodyBytes ?? 0);
  expect(bytes.length, `body of ${where} is short enough to be checked whole`).to.be.at.most(BODY_EVIDENCE_BYTES);
  const text = bytes.toString('utf8');
  if (isFileMarker(body.value)) {
    const file = body.value.$file;
    const planned = file.contentEncoding === 'base64' ? Buffer.from(file.content, 'base64') : Buffer.from(file.content, 'utf8');
    expect(bytes.toString('hex'), `bytes of ${where}`).to.equal(planned.toString('hex'));
  } else if (type === 'application/json-patch+json') {
    expect(jsonPatchProblem(JSON.parse(text)), where).to.equal(undefined);
  } else if (type === 'application/merge-patch+json' || type === 'application/json') {
    const value: unknown = JSON.parse(text);
    expect(value, where).to.be.an('object').and.not.be.an('array');
  } else if (type.endsWith('jwt')) {
    expect(jwtProblem(text), where).to.equal(undefined);
    expect(text, where).to.equal(body.value);
  } else if (type === 'application/x-ndjson') {
    const lines = text.split('\n').filter((line) => line !== '');
    expect(lines, where).to.not.be.empty;
    for (const line of lines) JSON.parse(line);
  } else {
    expect(text, where).to.equal(body.value);
  }
}

/**
 * Issue 12, classes "media types with their own grammar" and "required properties never dropped":
 * each fixture's generated scripts, run by every engine against Prism, send bodies Prism accepts,
 * in the planned media type, as the bytes the plan says. Operations the plan marks
 * known-unsupported (media Prism validates as raw text) are still called, and Prism refuses them
 * only for their body: it routes them to the operation and accepts the media type.
 */
describe('conformance: request bodies of issue 12 classes, all engines against Prism', function () {
  this.timeout(20 * 60_000);
  const dir = tempDir('request-classes-bodies');
  after(() => dir.remove());

  for (const fixture of ['json-patch.yaml', 'merge-patch.yaml', 'jwt.yaml', 'other-media.yaml', 'required-through-oneof.yaml']) {
    it(`${fixture}: 0 rejections, every planned operation called, exit 0, bodies as planned`, async () => {
      const outDir = path.join(dir.path, fixture);
      const report = await runConformance({ specs: [path.join(FIXTURES_DIR, 'request-classes', fixture)], engines: ENGINES, outDir, types: ['load'] });
      const runDir = path.join(outDir, 'runs', fixture);
      const plan = readPlan(path.join(runDir, 'generated'));
      const requests = new Map(plan.requests.map((request) => [request.operationId, request]));
      expect(report.results.map((result) => result.engine)).to.deep.equal(ENGINES);
      expect(report.ok, 'the harness would exit 0').to.equal(true);
      for (const result of report.results) {
        const label = `${fixture} × ${result.engine}`;
        expect(result.verdict, `${label}: ${result.verdictReasons.join('; ')}`).to.equal('pass');
        expect(result.rejected, label).to.equal(0);
        expect(result.exitCode, label).to.equal(0);
        expect(result.scriptErrors, label).to.deep.equal([]);
        expect(result.uncalledOperations, label).to.deep.equal([]);
        expect(result.knownUnsupported.filter((entry) => !entry.called), label).to.deep.equal([]);
        expect(result.operationsCalled, label).to.equal(plan.requests.length);
        const records = JSON.parse(fs.readFileSync(path.join(runDir, result.engine, 'requests.json'), 'utf8')) as RecordedRequest[];
        expectWireMatches(result, records, label);
        for (const record of records) {
          const request = record.operationId === undefined ? undefined : requests.get(record.operationId);
          expect(request, `${label}: ${record.method} ${record.url} matches a planned operation`).to.not.equal(undefined);
          if (request?.body !== undefined) checkWireBody(request, record);
          if (record.rejected) {
            expect(request?.knownUnsupported, `${label}: ${record.method} ${record.url} rejected: ${record.reasons.join('; ')}`).to.be.a('string');
            expect(record.problemType, `${label}: ${record.url} is routed and its media type accepted`).to.equal('UNPROCESSABLE_ENTITY');
            for (const reason of record.reasons) expect(reason, `${label}: ${record.url}`).to.match(/^request(\.body)?: .*(Request body must be|Body parameter is required)/);
          }
        }
      }
    });
  }
});
