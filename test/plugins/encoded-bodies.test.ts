import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import jmeterRenderer from '../../plugins/jmeter/src/index.js';
import locustRenderer from '../../plugins/locust/src/index.js';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { defaultSettings, type PluginEntry } from '../../src/pipeline/index.js';
import { createContainer, pipelineOf } from '../../src/di/index.js';
import { cborEncode } from '../../src/data/index.js';
import type { TestPlan } from '../../src/model/index.js';
import { loadSpec } from '../../src/openapi/index.js';
import { renderWith } from '../helpers/render-plugin.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { importScript, installK6Stub, resetRecorder } from '../../plugins/k6/test/k6-stub.js';
import { renderK6, writeFiles } from '../../plugins/k6/test/render-k6.js';
import { runPython } from '../../plugins/locust/test/render-locust.js';

const builtins: PluginEntry[] = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));
const FIXTURE = `${FIXTURES_DIR}/request-classes/other-media.yaml`;
/** The CBOR body the fixture's postReadingCbor sends: bytes that are not text (0xa2 ...). */
const CBOR_HEX = Buffer.from(cborEncode({ sensor: 'example', value: 1 })).toString('hex');

// Bodies the plan gives as base64 bytes (CBOR) and empty bodies (protobuf) reach every engine as those bytes.
describe('renderers: encoded bodies (CBOR bytes, the empty protobuf message)', function () {
  this.timeout(60_000);
  let plan: TestPlan;

  before(async () => {
    const { model } = await loadSpec({ file: FIXTURE });
    plan = (await pipelineOf(createContainer({ plugins: builtins, settings: { ...defaultSettings(), types: ['load'] } })).plan(FIXTURE, model.document)).plan;
  });

  it('k6 sends the decoded bytes with the media type as Content-Type', async () => {
    const dir = writeFiles((await renderK6(plan)).files);
    try {
      installK6Stub(dir);
      const requests = (await importScript(path.join(dir, 'k6', 'lib', 'requests.js'), { BASE_URL: 'http://api.test' })) as Record<string, () => unknown>;
      const k6 = resetRecorder();
      requests.postReadingCbor();
      requests.postReadingProtobuf();
      const [cbor, protobuf] = k6.calls;
      expect(cbor.body).to.be.instanceOf(ArrayBuffer);
      expect(Buffer.from(cbor.body as ArrayBuffer).toString('hex')).to.equal(CBOR_HEX);
      expect(cbor.params.headers!['Content-Type']).to.equal('application/cbor');
      expect(protobuf.body).to.equal('');
      expect(protobuf.params.headers!['Content-Type']).to.equal('application/x-protobuf');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Locust sends the decoded bytes with the media type as Content-Type', async () => {
    const dir = writeFiles((await renderWith(locustRenderer, plan)).files, 'perfplan-locust-encoded-');
    try {
      const program = `
import json, sys
sys.path.insert(0, sys.argv[1])
import perfplan_runtime as rt
from perfplan_requests import REQUESTS
out = {}
for op in ["postReadingCbor", "postReadingProtobuf"]:
    p = rt.prepare_request(REQUESTS[op], None, {})
    out[op] = {"hex": p.body.hex(), "type": p.headers.get("Content-Type")}
print(json.dumps(out))
`;
      const out = JSON.parse(runPython(program, [path.join(dir, 'locust')])) as Record<string, { hex: string; type: string }>;
      expect(out.postReadingCbor).to.deep.equal({ hex: CBOR_HEX, type: 'application/cbor' });
      expect(out.postReadingProtobuf).to.deep.equal({ hex: '', type: 'application/x-protobuf' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('JMeter decodes the base64 in a Groovy function and sends its chars as ISO-8859-1 bytes', async () => {
    const rendered = await renderWith(jmeterRenderer, plan);
    const jmx = rendered.byPath('jmeter/load.jmx');
    const base64 = Buffer.from(CBOR_HEX, 'hex').toString('base64');
    const start = jmx.indexOf('testname="postReadingCbor"');
    const sampler = jmx.slice(start, jmx.indexOf('</HTTPSamplerProxy>', start));
    expect(sampler).to.contain(`<stringProp name="Argument.value">\${__groovy(new String(&apos;${base64}&apos;.decodeBase64()\\, &apos;ISO-8859-1&apos;))}</stringProp>`);
    expect(sampler).to.contain('<stringProp name="HTTPSampler.contentEncoding">ISO-8859-1</stringProp>');
    // The two CBOR samplers (postReadingCbor, postReadingCborBinary); every other body is UTF-8 text.
    expect(jmx.match(/ISO-8859-1<\/stringProp>/g)).to.have.length(2);
  });
});
