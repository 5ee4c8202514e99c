import { expect } from 'chai';
import { MULTIPART_BOUNDARY, wireForm, type JsonValue, type RequestBody, type WireBody } from '../../src/plugin-api/index.js';
import { request, shown } from './wire-helpers.js';

function bodyOf(body: RequestBody): WireBody {
  const wire = wireForm({ request: request({ body }), auth: [] });
  expect(wire.headers.find((header) => header.name === 'Content-Type')?.value, 'the Content-Type header').to.deep.equal([{ text: wire.body!.contentType }]);
  return wire.body!;
}

const file = (name: string, content: string, contentType = 'application/octet-stream'): JsonValue => ({ $file: { name, contentType, content } });
const B = MULTIPART_BOUNDARY;

describe('perfplan/plugin wire form: bodies', () => {
  it('JSON (and its +json kinds: a JSON Patch, a merge patch) as JSON text, with the media type', () => {
    expect(bodyOf({ mediaType: 'application/json', value: { a: [1, 'x"y'], b: null } })).to.deep.equal({
      kind: 'json',
      contentType: 'application/json',
      pieces: [{ text: '{"a":[1,"x\\"y"],"b":null}' }],
      encoding: 'utf-8',
    });
    const patch = bodyOf({ mediaType: 'application/json-patch+json', value: [{ op: 'replace', path: '/a', value: 1 }] });
    expect([patch.kind, patch.contentType, shown(patch.pieces)]).to.deep.equal(['json', 'application/json-patch+json', '[{"op":"replace","path":"/a","value":1}]']);
    expect(bodyOf({ mediaType: '*/*', value: { a: 1 } }).contentType).to.equal('application/json');
  });

  it('form-urlencoded: fields by their encoding (style, explode, JSON content type), arrays one pair per item, spaces as +', () => {
    const body = bodyOf({
      mediaType: 'application/x-www-form-urlencoded',
      value: { name: 'Ann Lee', tags: ['a', 'b'], meta: { k: 'v' }, card: { number: '42', exp: { m: 1 } }, ids: [1, 2], doc: { x: 1 }, upload: file('f.txt', 'hi there') },
      encoding: { card: { style: 'deepObject', explode: true }, ids: { style: 'form', explode: false }, doc: { contentType: 'application/json' } },
    });
    expect(body.kind).to.equal('form');
    expect(body.contentType).to.equal('application/x-www-form-urlencoded');
    expect(shown(body.pieces).split('&')).to.deep.equal([
      'name=Ann+Lee',
      'tags=a',
      'tags=b',
      'meta=%7B%22k%22%3A%22v%22%7D',
      'card[number]=42',
      'card[exp][m]=1',
      'ids=1,2',
      'doc=%7B%22x%22%3A1%7D',
      'upload=hi+there',
    ]);
  });

  it('multipart: the fixed boundary, file parts with name and type, typed parts (objects JSON by default), arrays one part per item unless JSON', () => {
    const body = bodyOf({
      mediaType: 'multipart/form-data',
      value: { title: 'a "b"\nc', photo: file('p.png', 'PNG', 'image/png'), meta: { k: 1 }, tags: ['x', 'y'], doc: { v: true }, labels: ['red', 'green'], list: [1, 2], people: [{ n: 1 }] },
      encoding: { doc: { contentType: 'application/json' }, labels: { contentType: 'text/plain' }, list: { contentType: 'application/json' } },
    });
    expect(body.kind).to.equal('multipart');
    expect(body.contentType).to.equal(`multipart/form-data; boundary=${B}`);
    expect(shown(body.pieces)).to.equal(
      `--${B}\r\nContent-Disposition: form-data; name="title"\r\n\r\na "b"\nc\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="photo"; filename="p.png"\r\nContent-Type: image/png\r\n\r\nPNG\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"k":1}\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="tags"\r\n\r\nx\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="tags"\r\n\r\ny\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="doc"\r\nContent-Type: application/json\r\n\r\n{"v":true}\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="labels"\r\nContent-Type: text/plain\r\n\r\nred\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="labels"\r\nContent-Type: text/plain\r\n\r\ngreen\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="list"\r\nContent-Type: application/json\r\n\r\n[1,2]\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="people"\r\nContent-Type: application/json\r\n\r\n{"n":1}\r\n` +
        `--${B}--\r\n`,
    );
    // A name that would end the quoted parameter or the header line.
    expect(shown(bodyOf({ mediaType: 'multipart/form-data', value: { 'a"\r\nb': 'v' } }).pieces)).to.contain('name="a%22  b"');
  });

  it('XML from the shape of the OpenAPI XML Objects: attributes, prefix and namespace (the spec\'s "XML Attribute, Prefix and Namespace" example)', () => {
    const body = bodyOf({
      mediaType: 'application/xml',
      value: { id: 123, name: 'example' },
      xml: { name: 'Person', properties: { id: { name: 'id', attribute: true }, name: { name: 'name', namespace: 'https://example.com/schema/sample', prefix: 'sample' } } },
    });
    expect(body.kind).to.equal('xml');
    expect(body.contentType).to.equal('application/xml');
    expect(shown(body.pieces)).to.equal('<?xml version="1.0" encoding="UTF-8"?><Person id="123"><sample:name xmlns:sample="https://example.com/schema/sample">example</sample:name></Person>');
  });

  it('XML arrays: unwrapped items named after the property or their xml.name, wrapped in their own element (the spec\'s XML array examples)', () => {
    const xml = (value: JsonValue, animals: Record<string, unknown>) =>
      shown(bodyOf({ mediaType: 'application/xml', value, xml: { name: 'root', properties: { animals: animals as never } } }).pieces).replace('<?xml version="1.0" encoding="UTF-8"?>', '');
    const value = { animals: ['value', 'value'] };
    expect(xml(value, { name: 'animals', items: { name: 'animals' } })).to.equal('<root><animals>value</animals><animals>value</animals></root>');
    expect(xml(value, { name: 'animals', items: { name: 'animal' } })).to.equal('<root><animal>value</animal><animal>value</animal></root>');
    expect(xml(value, { name: 'animals', wrapped: true, items: { name: 'animal' } })).to.equal('<root><animals><animal>value</animal><animal>value</animal></animals></root>');
    expect(xml(value, { name: 'aliens', wrapped: true, items: { name: 'animal' } })).to.equal('<root><aliens><animal>value</animal><animal>value</animal></aliens></root>');
  });

  it('XML escapes text and attributes, makes names valid, writes null as an empty element and a root array wrapped', () => {
    const body = bodyOf({ mediaType: 'text/xml', value: { 'first name': 'a<b>&"c"', '1st': null, note: { lang: 'x"y' } }, xml: { name: 'p', properties: { note: { name: 'note', properties: { lang: { name: 'lang', attribute: true } } } } } });
    expect(shown(body.pieces)).to.equal('<?xml version="1.0" encoding="UTF-8"?><p><first_name>a&lt;b&gt;&amp;&quot;c&quot;</first_name><_1st/><note lang="x&quot;y"/></p>');
    // A property named like an Object.prototype member is a property like any other.
    expect(shown(bodyOf({ mediaType: 'application/xml', value: { constructor: 'x' }, xml: { name: 'r', properties: {} } }).pieces)).to.equal('<?xml version="1.0" encoding="UTF-8"?><r><constructor>x</constructor></r>');
    const list = bodyOf({ mediaType: 'application/xml', value: [1, 2], xml: { name: 'Items', items: { name: 'item' } } });
    expect(shown(list.pieces)).to.equal('<?xml version="1.0" encoding="UTF-8"?><Items><item>1</item><item>2</item></Items>');
  });

  it('a file as the whole body: its content and type, in base64 when the plan says so; other text as it is', () => {
    expect(bodyOf({ mediaType: 'application/octet-stream', value: file('a.bin', 'perfplan-sample\n') })).to.deep.equal({
      kind: 'binary',
      contentType: 'application/octet-stream',
      pieces: [{ text: 'perfplan-sample\n' }],
      encoding: 'utf-8',
    });
    const cbor = bodyOf({ mediaType: 'application/cbor', value: { $file: { name: 'b.cbor', contentType: 'application/cbor', content: 'oWFhAQ==', contentEncoding: 'base64' } } });
    expect([cbor.kind, cbor.contentType, shown(cbor.pieces), cbor.encoding]).to.deep.equal(['binary', 'application/cbor', 'oWFhAQ==', 'base64']);
    expect(bodyOf({ mediaType: 'image/*', value: file('i.png', 'PNG', 'image/png') }).contentType).to.equal('image/png');
    const ndjson = bodyOf({ mediaType: 'application/x-ndjson', value: '{"a":1}\n{"a":2}\n' });
    expect([ndjson.kind, ndjson.contentType, shown(ndjson.pieces)]).to.deep.equal(['text', 'application/x-ndjson', '{"a":1}\n{"a":2}\n']);
    expect(shown(bodyOf({ mediaType: 'application/xml', value: '<a/>' }).pieces), 'an XML body the plan gives as text').to.equal('<a/>');
    expect(bodyOf({ mediaType: 'text/*', value: 'x' }).contentType).to.equal('text/plain');
  });
});
