import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { HOSTILE, hostilePlan } from './hostile-plan.js';
import { recordingServer, runJmeter, skipUnlessJmeter } from './jmeter-process.js';
import { renderJmeter, writeFiles } from './render-jmeter.js';

// Real JMeter 5.6.3 sends the hostile plan's requests to a loopback server: every spec string
// must arrive exactly as the spec wrote it (nothing evaluated, nothing lost to escaping).
describe('jmeter renderer under real JMeter: hostile strings arrive unchanged', function () {
  this.timeout(180_000);
  before(function () {
    skipUnlessJmeter(this);
  });

  it('sends the path, query, header and bodies as the plan has them', async () => {
    const server = await recordingServer();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-jmeter-hostile-'));
    try {
      const out = writeFiles((await renderJmeter(hostilePlan())).files);
      const run = await runJmeter({
        jmx: path.join(out, 'jmeter', 'load.jmx'),
        properties: { baseUrl: server.baseUrl, users: '1', iterations: '1', thinkTimeMs: '0' },
        workDir: work,
      });
      expect(run.log).not.to.match(/ ERROR /);
      const byPath = (prefix: string) => server.requests.find((request) => request.url.startsWith(prefix));
      const json = byPath(`/echo/${encodeURIComponent(HOSTILE)}?`);
      expect(json, server.requests.map((request) => request.url).join('\n')).not.to.equal(undefined);
      expect(decodeURIComponent(json!.url.split('?q=')[1]!)).to.equal(HOSTILE);
      expect(JSON.parse(json!.body).text).to.equal(HOSTILE);
      // HttpClient 4 writes header values as ISO-8859-1: each UTF-16 unit outside it becomes '?' (the emoji: '??').
      // Control characters as spaces, as k6 and Locust send them (the kit's wire form).
      expect(json!.headers['x-hostile']).to.equal(HOSTILE.replace(/[\r\n]/g, ' ').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/[^\u0000-\u00ff]/g, '?'));
      expect(byPath('/echo/text')!.body).to.equal(HOSTILE);
      expect(new URLSearchParams(byPath('/echo/form')!.body).get('field')).to.equal(HOSTILE);
      const multipart = byPath('/echo/multipart')!;
      expect(multipart.headers['content-type']).to.match(/^multipart\/form-data; boundary=/);
      expect(multipart.body).to.include(`\r\n\r\n${HOSTILE}\r\n`);
      expect(multipart.body).to.include('filename="sample.bin"\r\nContent-Type: application/octet-stream\r\n\r\nperfplan-sample\n\r\n');
      expect(run.jtl.split('\n').filter((line) => line.includes(',false,'))).to.deep.equal([]);
    } finally {
      await server.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
