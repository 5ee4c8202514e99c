import { expect } from 'chai';
import { holeText, wireForm, workflowWireForms, type RequestTemplate, type ValueVariation } from '../../src/plugin-api/index.js';
import { AUTH, request, shown, workflowOf } from './wire-helpers.js';

const integer = (target: string): ValueVariation => ({ target, kind: 'integer', min: 1, step: 1, count: 100 });
const text = (target: string): ValueVariation => ({ target, kind: 'string', column: 'c0', width: 4 });

function varied(): RequestTemplate {
  return request({
    path: '/pets/{petId}',
    parameters: [
      { name: 'petId', in: 'path', value: 7 },
      { name: 'q', in: 'query', value: 'x' },
      { name: 'Idempotency-Key', in: 'header', value: 'k' },
      { name: 'sid', in: 'cookie', value: 's' },
    ],
    body: { mediaType: 'application/json', value: { name: 'Rex', age: 3, tags: ['a'] } },
    variations: [integer('path.petId'), text('query.q'), { target: 'header.idempotency-key', kind: 'request-key' }, text('cookie.sid'), text('body#/name'), integer('body#/age'), text('query.absent')],
  });
}

describe('perfplan/plugin wire form: holes', () => {
  it('a variation is a hole where its value goes, in the context around it; the plan value at its target comes with it', () => {
    const wire = wireForm({ request: varied(), auth: [] });
    expect(shown(wire.target)).to.equal('/pets/<url-component:v0>?q=<url-component:v1>');
    expect(wire.headers.map((header) => `${header.name}: ${shown(header.value)}`)).to.deep.equal(['Idempotency-Key: <header:v2>', 'Content-Type: application/json']);
    expect(wire.cookies.map((cookie) => `${cookie.name}=${shown(cookie.value)}`)).to.deep.equal(['sid=<url-component:v3>']);
    // A string is JSON string content; a number stays a bare JSON value.
    expect(shown(wire.body!.pieces)).to.equal('{"name":"<json-string:v4>","age":<json-value:v5>,"tags":["a"]}');
    // A variation of a value the request does not send makes no hole.
    expect(wire.variations.map((entry) => [entry.index, entry.current])).to.deep.equal([
      [0, 7],
      [1, 'x'],
      [2, 'k'],
      [3, 's'],
      [4, 'Rex'],
      [5, 3],
    ]);
  });

  it('holes in form, multipart, XML, a whole body and a file', () => {
    const form = wireForm({ request: request({ body: { mediaType: 'application/x-www-form-urlencoded', value: { a: 'x', n: 1 } }, variations: [text('body#/a'), integer('body#/n')] }), auth: [] });
    expect(shown(form.body!.pieces)).to.equal('a=<form:v0>&n=<form:v1>');
    const upload = wireForm({
      request: request({ body: { mediaType: 'multipart/form-data', value: { f: { $file: { name: 'a.bin', contentType: 'application/octet-stream', content: 'x' } } } }, variations: [{ target: 'body#/f', kind: 'file', bytes: 10 }] }),
      auth: [],
    });
    expect(shown(upload.body!.pieces)).to.contain('filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n<multipart:v0>\r\n');
    const xml = wireForm({ request: request({ body: { mediaType: 'application/xml', value: { name: 'x' }, xml: { name: 'Pet' } }, variations: [text('body#/name')] }), auth: [] });
    expect(shown(xml.body!.pieces)).to.equal('<?xml version="1.0" encoding="UTF-8"?><Pet><name><xml:v0></name></Pet>');
    const whole = wireForm({ request: request({ body: { mediaType: 'application/jwt', value: 'a.b.c' }, variations: [{ target: 'body', kind: 'credential', env: 'JWT' }] }), auth: [] });
    expect(shown(whole.body!.pieces)).to.equal('<raw:v0>');
    const binary = wireForm({ request: request({ body: { mediaType: 'application/octet-stream', value: { $file: { name: 'a', contentType: 'application/octet-stream', content: 'x' } } }, variations: [{ target: 'body', kind: 'file', bytes: 5 }] }), auth: [] });
    expect(shown(binary.body!.pieces)).to.equal('<raw:v0>');
  });

  it('a workflow step\'s injections: replace a parameter (a header whatever its case) or add one, write into the body, or replace the URL; they win over variations', () => {
    const wire = wireForm({
      request: varied(),
      auth: [],
      injections: [
        { to: 'path.petId', variable: 'id' },
        { to: 'query.extra', variable: 'e' },
        { to: 'header.IDEMPOTENCY-KEY', variable: 'k' },
        { to: 'cookie.other', variable: 'o' },
        { to: 'body#/age', variable: 'age' },
        { to: 'body#/owner/id', variable: 'owner' },
        { to: 'query.q', value: 'known' },
      ],
    });
    expect(shown(wire.target)).to.equal('/pets/<url-component:id>?q=known&extra=<url-component:e>');
    expect(shown(wire.headers[0]!.value)).to.equal('<header:k>');
    expect(wire.cookies.map((cookie) => `${cookie.name}=${shown(cookie.value)}`)).to.deep.equal(['sid=<url-component:v3>', 'other=<url-component:o>']);
    expect(shown(wire.body!.pieces)).to.equal('{"name":"<json-string:v4>","age":<json-value:age>,"tags":["a"],"owner":{"id":"<json-string:owner>"}}');

    const followed = wireForm({ request: request({ method: 'get', path: '/pets/{id}', parameters: [{ name: 'id', in: 'path', value: 1 }], auth: ['keyQuery'] }), auth: AUTH, injections: [{ to: 'url', variable: 'location' }] });
    expect(followed.urlReplaced).to.equal(true);
    expect(shown(followed.target)).to.equal('<url:location>');
    expect(followed.query.map(shown)).to.deep.equal(['api%20key=<url-component:keyQuery.value>']);

    const warnings: string[] = [];
    wireForm({ request: varied(), auth: [], injections: [{ to: 'nowhere', variable: 'x' }], warn: (message) => warnings.push(message) });
    expect(warnings.join('\n')).to.contain('injection target "nowhere"');
  });

  it('credentials: bearer, basic, OAuth2 and apiKeys in header, query and cookie', () => {
    const wire = wireForm({ request: request({ method: 'get', parameters: [{ name: 'q', in: 'query', value: 1 }], auth: ['bearer', 'basic', 'keyHeader', 'keyQuery', 'keyCookie', 'oauth'] }), auth: AUTH });
    expect(wire.headers.map((header) => `${header.name}: ${shown(header.value)}`)).to.deep.equal([
      'Authorization: Bearer <header:bearer.token>',
      'Authorization: Basic <header:basic.basic>',
      'X-Key: <header:keyHeader.value>',
      'Authorization: Bearer <header:oauth.token>',
    ]);
    expect(shown(wire.target)).to.equal('/r?q=1&api%20key=<url-component:keyQuery.value>');
    expect(wire.cookies.map((cookie) => `${cookie.name}=${shown(cookie.value)}`)).to.deep.equal(['sid=<cookie:keyCookie.value>']);
  });

  it('spec text that spells a marker stays text: the markers of a request avoid every text it serializes', () => {
    const spelled = 'PERFPLANHOLE0N0X PERFPLANHOLE1N0X';
    const wire = wireForm({
      request: request({ parameters: [{ name: 'q', in: 'query', value: spelled }, { name: 'n', in: 'query', value: 1 }], body: { mediaType: 'application/json', value: { a: spelled, b: 'x' } }, variations: [integer('query.n'), text('body#/b')] }),
      auth: [],
    });
    expect(shown(wire.target)).to.equal('/r?q=PERFPLANHOLE0N0X%20PERFPLANHOLE1N0X&n=<url-component:v0>');
    expect(shown(wire.body!.pieces)).to.equal(`{"a":"${spelled}","b":"<json-string:v1>"}`);
  });

  it('holeText writes a value as a hole of each context holds it', () => {
    expect(holeText('a b&c', 'url-component')).to.equal('a%20b%26c');
    expect(holeText('a b&c', 'form')).to.equal('a+b%26c');
    expect(holeText('a\r\nb', 'header')).to.equal('a b');
    expect(holeText('say "hi"\n', 'json-string')).to.equal('say \\"hi\\"\\n');
    expect(holeText({ id: 5 }, 'json-value')).to.equal('{"id":5}');
    expect(holeText(5, 'json-value')).to.equal('5');
    expect(holeText('<a&b>', 'xml')).to.equal('&lt;a&amp;b&gt;');
    expect(holeText(12, 'raw')).to.equal('12');
  });

  it('workflowWireForms: each step with its injections as holes named by the variable an earlier step extracts', () => {
    const create = request({ operationId: 'create', path: '/pets', body: { mediaType: 'application/json', value: { name: 'a' } } });
    const get = request({ operationId: 'get', method: 'get', path: '/pets/{id}', parameters: [{ name: 'id', in: 'path', value: 1 }] });
    const workflow = workflowOf([
      { id: 'one', operationId: 'create', weight: 1, extract: [{ variable: 'id', from: '$response.body#/id' }], inject: [{ variable: 'never', to: 'body#/name' }] },
      { id: 'two', operationId: 'get', weight: 1, extract: [], inject: [{ variable: 'id', to: 'path.id' }] },
      { id: 'three', operationId: 'gone', weight: 1, extract: [], inject: [] },
    ]);
    const warnings: string[] = [];
    const steps = workflowWireForms({ workflow, requests: new Map([create, get].map((entry) => [entry.operationId, entry])), auth: [], warn: (message) => warnings.push(message) });
    expect(steps.map((step) => [step.step.id, shown(step.wire.target), step.wire.body ? shown(step.wire.body.pieces) : ''])).to.deep.equal([
      ['one', '/pets', '{"name":"a"}'],
      ['two', '/pets/<url-component:id>', ''],
    ]);
    expect(warnings).to.have.length(2);
  });
});
