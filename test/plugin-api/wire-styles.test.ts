import { expect } from 'chai';
import { wireForm, type JsonValue } from '../../src/plugin-api/index.js';
import { COLOR_ARRAY, COLOR_OBJECT, COLOR_STRING, request, shown } from './wire-helpers.js';

// Expected bytes from the OpenAPI Specification's style examples (3.1.0, "Style Examples":
// a parameter `color` of "blue", ["blue","black","brown"] or {"R":100,"G":200,"B":150}), written
// out by hand. Two corrections of later versions apply: label with explode false separates with
// commas (RFC 6570 3.2.5; OAS 3.1.1 fixed the table's typo), and the delimited styles name the
// parameter in the query (`color=...`, as OAS 3.1.1 writes them).

function pathOf(style: string, explode: boolean, value: JsonValue): string {
  const wire = wireForm({ request: request({ method: 'get', path: '/c/{color}', parameters: [{ name: 'color', in: 'path', value, style, explode }] }), auth: [] });
  return shown(wire.target).slice('/c/'.length);
}

function queryOf(style: string | undefined, explode: boolean | undefined, value: JsonValue): string {
  const parameter = { name: 'color', in: 'query' as const, value, ...(style === undefined ? {} : { style }), ...(explode === undefined ? {} : { explode }) };
  const wire = wireForm({ request: request({ method: 'get', path: '/c', parameters: [parameter] }), auth: [] });
  return shown(wire.target).slice('/c?'.length);
}

describe('perfplan/plugin wire form: parameter styles (OpenAPI style examples)', () => {
  const table: Array<[string, boolean, string, string, string]> = [
    // style, explode, string, array, object
    ['matrix', false, ';color=blue', ';color=blue,black,brown', ';color=R,100,G,200,B,150'],
    ['matrix', true, ';color=blue', ';color=blue;color=black;color=brown', ';R=100;G=200;B=150'],
    ['label', false, '.blue', '.blue,black,brown', '.R,100,G,200,B,150'],
    ['label', true, '.blue', '.blue.black.brown', '.R=100.G=200.B=150'],
    ['simple', false, 'blue', 'blue,black,brown', 'R,100,G,200,B,150'],
    ['simple', true, 'blue', 'blue,black,brown', 'R=100,G=200,B=150'],
  ];
  for (const [style, explode, string, array, object] of table) {
    it(`path, ${style}, explode ${explode}`, () => {
      expect(pathOf(style, explode, COLOR_STRING)).to.equal(string);
      expect(pathOf(style, explode, COLOR_ARRAY)).to.equal(array);
      expect(pathOf(style, explode, COLOR_OBJECT)).to.equal(object);
    });
  }

  it('query, form (the default style), explode false and true (the default)', () => {
    expect(queryOf('form', false, COLOR_STRING)).to.equal('color=blue');
    expect(queryOf('form', false, COLOR_ARRAY)).to.equal('color=blue,black,brown');
    expect(queryOf('form', false, COLOR_OBJECT)).to.equal('color=R,100,G,200,B,150');
    expect(queryOf(undefined, undefined, COLOR_STRING)).to.equal('color=blue');
    expect(queryOf(undefined, undefined, COLOR_ARRAY)).to.equal('color=blue&color=black&color=brown');
    expect(queryOf(undefined, undefined, COLOR_OBJECT)).to.equal('R=100&G=200&B=150');
    expect(queryOf('form', undefined, '')).to.equal('color=');
  });

  it('query, spaceDelimited and pipeDelimited arrays and objects (OpenAPI 3.1 allows objects)', () => {
    expect(queryOf('spaceDelimited', false, COLOR_ARRAY)).to.equal('color=blue%20black%20brown');
    expect(queryOf('spaceDelimited', false, COLOR_OBJECT)).to.equal('color=R%20100%20G%20200%20B%20150');
    // 3.1.0's table writes a raw `|`; RFC 3986 has none in a query (JMeter's java.net.URI refuses it), and
    // OAS 3.1.1 writes the delimiter percent-encoded.
    expect(queryOf('pipeDelimited', false, COLOR_ARRAY)).to.equal('color=blue%7Cblack%7Cbrown');
    expect(queryOf('pipeDelimited', false, COLOR_OBJECT)).to.equal('color=R%7C100%7CG%7C200%7CB%7C150');
  });

  it('query, deepObject', () => {
    expect(queryOf('deepObject', true, COLOR_OBJECT)).to.equal('color[R]=100&color[G]=200&color[B]=150');
    // Nested objects and arrays (not in the table): brackets per level, arrays by index, as Stripe reads them.
    expect(queryOf('deepObject', true, { a: { b: 1 }, list: ['x', 'y'] })).to.equal('color[a][b]=1&color[list][0]=x&color[list][1]=y');
  });

  it('percent-encodes values and names in path and query, and literal path text like encodeURI', () => {
    const wire = wireForm({
      request: request({
        method: 'get',
        path: '/a b/{id}',
        query: 'beta=true',
        parameters: [
          { name: 'id', in: 'path', value: 'x/y?z#' },
          { name: 'q q', in: 'query', value: 'a&b=c d' },
        ],
      }),
      auth: [],
    });
    expect(shown(wire.target)).to.equal('/a%20b/x%2Fy%3Fz%23?beta=true&q%20q=a%26b%3Dc%20d');
    expect(wire.query.map(shown)).to.deep.equal(['beta=true', 'q%20q=a%26b%3Dc%20d']);
  });

  it('header parameters: simple style, explode for objects', () => {
    const wire = wireForm({
      request: request({
        method: 'get',
        parameters: [
          { name: 'X-Array', in: 'header', value: COLOR_ARRAY },
          { name: 'X-Object', in: 'header', value: COLOR_OBJECT },
          { name: 'X-Exploded', in: 'header', value: COLOR_OBJECT, explode: true },
          { name: 'X-Text', in: 'header', value: 'a\r\nb\tc' },
          // OpenAPI: a client defines these itself; a name that is no header name cannot be sent.
          { name: 'Accept', in: 'header', value: 'text/html' },
          { name: 'Content-Type', in: 'header', value: 'text/html' },
          { name: 'Authorization', in: 'header', value: 'x' },
          { name: 'bad name', in: 'header', value: 'x' },
        ],
      }),
      auth: [],
    });
    expect(wire.headers.map((header) => [header.name, shown(header.value)])).to.deep.equal([
      ['X-Array', 'blue,black,brown'],
      ['X-Object', 'R,100,G,200,B,150'],
      ['X-Exploded', 'R=100,G=200,B=150'],
      ['X-Text', 'a b c'],
    ]);
  });

  it('cookie parameters: form style, percent-encoded (OpenAPI 3.1.1 Appendix D), one cookie per exploded pair', () => {
    const cookies = (value: JsonValue, explode?: boolean) =>
      wireForm({ request: request({ method: 'get', parameters: [{ name: 'color', in: 'cookie', value, ...(explode === undefined ? {} : { explode }) }] }), auth: [] }).cookies.map(
        (cookie) => `${cookie.name}=${shown(cookie.value)}`,
      );
    expect(cookies('blue')).to.deep.equal(['color=blue']);
    expect(cookies('a b;c')).to.deep.equal(['color=a%20b%3Bc']);
    expect(cookies(COLOR_ARRAY, false)).to.deep.equal(['color=blue,black,brown']);
    expect(cookies(COLOR_ARRAY)).to.deep.equal(['color=blue', 'color=black', 'color=brown']);
    expect(cookies(COLOR_OBJECT)).to.deep.equal(['R=100', 'G=200', 'B=150']);
  });
});
