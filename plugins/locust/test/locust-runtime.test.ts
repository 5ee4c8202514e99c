import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { literalText, wireForm } from '../../../src/plugin-api/index.js';
import { hostilePlan, PY_HOSTILE } from './fixture-plan.js';
import { renderLocust, runPython, writeFiles } from './render-locust.js';

// perfplan_runtime.py imports nothing of Locust: these run it with a plain python3 and compare
// what it builds (URLs, headers, bodies, criteria verdicts) with what the OpenAPI rules say.
const PROGRAM = `
import json, sys
sys.path.insert(0, sys.argv[1])
import perfplan_runtime as rt
from perfplan_requests import REQUESTS, AUTH
creds = {
    'bearer"Auth': {"auth": AUTH['bearer"Auth'], "value": "Bearer T"},
    "basic": {"auth": AUTH["basic"], "value": "Basic QQ=="},
    'key"Query': {"auth": AUTH['key"Query'], "value": "k&y"},
    'oauth"CC': {"auth": AUTH['oauth"CC'], "value": "Bearer O"},
}
out = {}
for op_id, op in REQUESTS.items():
    p = rt.prepare_request(op, None, creds)
    out[op_id] = {"url": p.url, "headers": p.headers, "body": None if p.body is None else p.body.decode("utf-8")}
p = rt.prepare_request(REQUESTS["class"], {"path": {"petId": 42}, "header": {"x-request-id": "carried"}}, creds)
out["overridden"] = {"url": p.url, "headers": p.headers}
p = rt.prepare_request(REQUESTS["None"], {"body": [(["owner", "id"], 9)]}, creds)
out["bodyWrite"] = json.loads(p.body)
out["pointer"] = [rt.read_pointer({"a/b": {"c~d": [10, 20]}}, ["a/b", "c~d", "1"]), rt.read_pointer([1], ["5"]), rt.read_pointer({"x": None}, ["x"])]
out["steps"] = [[rt.step_runs(w, n) for n in range(6)] for w in (1, 0.5, 0.1)]
out["header"] = rt.header_value({"LoCaTiOn": "/pets/1"}, "location")
out["missing"] = rt.missing_variables([AUTH['oauth"CC'], AUTH["basic"]], {"AUTH_CC_TOKEN": "t", "AUTH_USER": "u"})
PW = {"AUTH_PW_ID": "id", "AUTH_PW_SECRET": "s", "AUTH_PW_USER": "u@x", "AUTH_PW_PASS": "p w"}
out["token"] = rt.oauth2_token_request(AUTH["oauthPassword"], dict(PW, AUTH_PW_TOKEN_URL="https://auth.example.com/token"), "http://h")
try:
    rt.oauth2_token_request(AUTH["oauthPassword"], PW, "http://h")
    out["refusedRequest"] = None
except rt.TokenUrlRefused as error:
    out["refusedRequest"] = str(error)
out["tokenUrls"] = {
    base: rt.token_url(AUTH["oauthPassword"], PW, base)
    for base in ["http://h", "https://AUTH.example.com", "https://auth.example.com:443/api", "http://auth.example.com", "https://auth.example.com:8443", "https://u@auth.example.com"]
}
out["givenTokenUrls"] = [rt.token_url(AUTH['oauth"CC'], {"AUTH_CC_TOKEN_URL": given}, "http://h/base") for given in ["http://127.0.0.1:9/t", "sso/t"]]
out["relativeTokenUrl"] = rt.token_url(AUTH['oauth"CC'], {}, "http://h/base")
out["refusedAtStart"] = rt.refused_token_urls([AUTH['oauth"CC'], AUTH["oauthPassword"], AUTH["basic"]], PW, "http://h")
out["refusedWithToken"] = rt.refused_token_urls([AUTH["oauthPassword"]], dict(PW, AUTH_PW_TOKEN="t"), "http://h")
try:
    rt.injection_overrides({"id": "read", "inject": [{"variable": "v", "to": "path.id", "target": "path", "name": "id"}]}, {}, {"v": "$response.body#/id of step \\"create\\""})
except rt.MissingValue as error:
    out["missingValue"] = str(error)
out["delimitedObjects"] = [rt.query_pairs("color", {"R": 100, "G": 200, "B": 150}, style, False) for style in ("spaceDelimited", "pipeDelimited")]
op = {"method": "GET", "path": "/c", "parameters": [{"name": "prefs", "in": "cookie", "value": ["dark", "wide"], "explode": False}, {"name": "tags", "in": "cookie", "value": ["a b", "c"]}], "auth": []}
out["cookieStyles"] = rt.prepare_request(op, {"cookie": {"label": "blue sky"}}, {}).headers.get("Cookie")
print(json.dumps(out))
`;

describe('locust runtime (perfplan_runtime.py under python3)', function () {
  this.timeout(60000);
  let out: Record<string, any>;

  before(async () => {
    const dir = writeFiles((await renderLocust(hostilePlan())).files, 'perfplan-locust-runtime-');
    try {
      out = JSON.parse(runPython(PROGRAM, [path.join(dir, 'locust')]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serializes path, query, header and cookie parameters per OpenAPI style', () => {
    const { url, headers } = out.class;
    const [pathPart, query] = url.split('?');
    expect(pathPart).to.equal(`/pets/${encodeURIComponent(PY_HOSTILE)}/.x.y/;matrix=a,1,b,two`);
    expect(query.split('&')).to.deep.equal([
      'tags=dog',
      'tags=cat%20%26%20mouse',
      'ids=1,2,3',
      'sizes=s%20m',
      // pipeDelimited: the delimiter percent-encoded (OpenAPI 3.1.1's style examples; RFC 3986 has no `|` in a query).
      'colors=red%7Cblue',
      'filter[kind]=dog',
      'filter[nested][age]=3',
      'filter[list][0]=a',
      'filter[list][1]=b',
      `q=${encodeURIComponent(PY_HOSTILE)}`,
    ]);
    expect(headers).to.not.have.property('Accept');
    expect(headers['X-Request-Id']).to.equal(PY_HOSTILE.replace(/[\u0000-\u001f\u007f]+/g, ' '));
    // Form style, percent-encoded (OpenAPI 3.1.1 Appendix D).
    expect(headers.Cookie).to.equal('session=abc%3Bdef');
    expect(headers.Authorization).to.equal('Bearer T');
  });

  it('joins a space- or pipe-delimited object\'s keys and values by the delimiter (OpenAPI style examples)', () => {
    expect(out.delimitedObjects).to.deep.equal([['color=R%20100%20G%20200%20B%20150'], ['color=R%7C100%7CG%7C200%7CB%7C150']]);
  });

  it('writes cookies form style: percent-encoded, an exploded array one cookie per item, an injected value too', () => {
    expect(out.cookieStyles).to.equal('prefs=dark,wide; tags=a%20b; tags=c; label=blue%20sky');
  });

  it('lets workflow values replace parameters (headers case-insensitively) and write into bodies', () => {
    expect(out.overridden.url.startsWith('/pets/42/')).to.equal(true);
    expect(out.overridden.headers).to.not.have.property('X-Request-Id');
    expect(out.overridden.headers['x-request-id']).to.equal('carried');
    expect(out.bodyWrite.owner).to.deep.equal({ id: 9 });
    expect(out.bodyWrite.name).to.equal(PY_HOSTILE);
  });

  it('writes JSON, form (deepObject encoding), multipart, binary and XML bodies', () => {
    expect(JSON.parse(out.None.body)).to.deep.equal(hostilePlan().requests[1].body!.value);
    expect(out.None.headers['Content-Type']).to.equal('application/json');
    expect(out.lambda.body.split('&')).to.deep.equal([
      `plain=${encodeURIComponent(PY_HOSTILE).replace(/%20/g, '+')}`,
      'list=a',
      'list=b',
      'card[number]=4242',
      'card[exp][month]=1',
      `meta=${encodeURIComponent('{"k":"v"}')}`,
    ]);
    expect(out.lambda.url).to.equal(`/forms?${encodeURIComponent(`api${PY_HOSTILE}`)}=k%26y`);
    const multipart: string = out['import os'].body;
    expect(out['import os'].headers['Content-Type']).to.equal('multipart/form-data; boundary=perfplan-form-boundary-9d2f81c4');
    expect(multipart).to.include('Content-Disposition: form-data; name="file"; filename="f').and.include('Content-Type: application/octet-stream\r\n\r\nperfplan-sample\n\r\n');
    expect(multipart).to.include(`name="meta"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ owner: PY_HOSTILE })}\r\n`);
    expect(multipart.match(/name="tags"/g)).to.have.length(2);
    expect(multipart.endsWith('--perfplan-form-boundary-9d2f81c4--\r\n')).to.equal(true);
    expect(out.self.body).to.equal('bytes\u0001');
    expect(out.self.headers['Content-Type']).to.equal('application/octet-stream');
    // XML from the plan's XML shape: the bytes of the kit's wire form.
    const send = hostilePlan().requests.find((request) => request.operationId === 'send')!;
    expect(out.send.body).to.equal(literalText(wireForm({ request: send, auth: [] }).body!.pieces));
    expect(out.send.body).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?><note><title>&lt;a&quot;b&apos;c/);
    expect(out.send.body).to.include('<tags><tag>a</tag><tag>b</tag></tags><o:owner xmlns:o="https://example.com/o" id="7"/><none/></note>');
    expect(out.send.body).to.not.match(/[\u0000-\u0008]/);
  });

  it('reads RFC 6901 pointers, response headers in any case, and runs weighted steps', () => {
    expect(out.pointer).to.deep.equal([[true, 20], [false, null], [true, null]]);
    expect(out.header).to.equal('/pets/1');
    expect(out.steps).to.deep.equal([
      [true, true, true, true, true, true],
      [true, true, false, true, false, true],
      [true, false, false, false, false, false],
    ]);
    expect(out.missingValue).to.equal('step "read": variable "v" has no value (it comes from $response.body#/id of step "create"), so path.id cannot be sent');
  });

  it('needs no client credentials when an OAuth2 token is given, and builds token requests', () => {
    expect(out.missing).to.deep.equal(['AUTH_PASS']);
    const [url, form, headers] = out.token;
    expect(url).to.equal('https://auth.example.com/token');
    expect(form).to.equal('grant_type=password&username=u%40x&password=p%20w');
    expect(headers.Authorization).to.equal(`Basic ${Buffer.from('id:s').toString('base64')}`);
  });

  it('sends OAuth2 credentials only to a host the user named: the token URL variable, a relative spec URL, or the same origin as the base URL', () => {
    const refusal =
      'OAuth2 scheme "oauthPassword": the spec\'s token URL is on https://auth.example.com:443, not on the server under test (http://h:80); ' +
      'the client secret goes only to hosts you name. Set AUTH_PW_TOKEN_URL to the token endpoint (AUTH_PW_TOKEN_URL=... locust ...), or AUTH_PW_TOKEN to a token obtained beforehand.';
    expect(out.refusedRequest).to.equal(refusal);
    expect(out.tokenUrls['http://h']).to.deep.equal([null, refusal]);
    expect(out.tokenUrls['https://AUTH.example.com']).to.deep.equal(['https://auth.example.com/token', '']);
    expect(out.tokenUrls['https://auth.example.com:443/api']).to.deep.equal(['https://auth.example.com/token', '']);
    for (const base of ['http://auth.example.com', 'https://auth.example.com:8443', 'https://u@auth.example.com']) {
      expect(out.tokenUrls[base][0], base).to.equal(null);
      expect(out.tokenUrls[base][1], base).to.contain('Set AUTH_PW_TOKEN_URL');
    }
    expect(out.givenTokenUrls).to.deep.equal([
      ['http://127.0.0.1:9/t', ''],
      ['http://h/base/sso/t', ''],
    ]);
    expect(out.relativeTokenUrl).to.deep.equal([`http://h/base/oauth/token?${PY_HOSTILE}`, '']);
    expect(out.refusedAtStart).to.deep.equal([refusal]);
    expect(out.refusedWithToken).to.deep.equal([]);
  });
});
