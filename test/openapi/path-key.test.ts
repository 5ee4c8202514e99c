import { expect } from 'chai';
import path from 'node:path';
import { buildRequestTemplate } from '../../src/data/index.js';
import { loadSpec } from '../../src/openapi/index.js';
import { encodeQueryText, isPlainPathKey, parsePathKey } from '../../src/openapi/path-key.js';
import { FIXTURES_DIR } from '../helpers/paths.js';

const requestClass = (name: string) => path.join(FIXTURES_DIR, 'request-classes', name);

/** What the plan sends for each operation of a fixture: path template, literal query, parameter names. */
async function sent(name: string) {
  const { model, diagnostics } = await loadSpec({ file: requestClass(name) });
  const requests = model.operations.map((operation) => buildRequestTemplate({ model, operation, report: () => {} }));
  return { model, diagnostics, requests: Object.fromEntries(requests.map((request) => [request.operationId, request])) };
}

describe('openapi: path keys that are not plain templates', () => {
  it('drops a #fragment: it is not part of the URL', () => {
    expect(parsePathKey('/files/{file_id}#add_shared_link', new Set(['file_id']))).to.deep.equal({ path: '/files/{file_id}', queryNames: [], fragment: 'add_shared_link', placeholders: [] });
    expect(parsePathKey('/search#', new Set()).path).to.equal('/search');
  });

  it('takes a literal ?query out of the path, percent-encoding what a URL cannot carry, and a fragment after it', () => {
    expect(parsePathKey('/responses?beta=true', new Set())).to.deep.equal({ path: '/responses', query: 'beta=true', queryNames: ['beta'], placeholders: [] });
    const key = parsePathKey('/export?format=csv&note=café au lait#v2', new Set());
    expect(key).to.deep.include({ path: '/export', query: 'format=csv&note=caf%C3%A9%20au%20lait', fragment: 'v2' });
    expect(key.queryNames).to.deep.equal(['format', 'note']);
    expect(encodeQueryText('a=%41&b=100%&c=[x]"<>`{}|')).to.equal('a=%41&b=100%25&c=%5Bx%5D%22%3C%3E%60%7B%7D%7C');
    // A `?` or `#` inside a template name is part of the name.
    expect(parsePathKey('/a/{b?c}/d', new Set()).path).to.equal('/a/{b?c}/d');
  });

  it('writes :name and <name> placeholders of declared path parameters as {name}, and leaves the others as text', () => {
    const declared = new Set(['user_id', 'size', 'format', 'order_id', 'item_id']);
    expect(parsePathKey('/users/:user_id/avatars/:size.:format', declared).path).to.equal('/users/{user_id}/avatars/{size}.{format}');
    expect(parsePathKey('/orders/<order_id>', declared).path).to.equal('/orders/{order_id}');
    expect(parsePathKey('/items/<int:item_id>', declared).path).to.equal('/items/{item_id}');
    const literal = parsePathKey('/legacy/:token/<raw>', declared);
    expect(literal.path).to.equal('/legacy/:token/<raw>');
    expect(literal.placeholders).to.deep.equal([
      { written: ':token', name: 'token', declared: false },
      { written: '<raw>', name: 'raw', declared: false },
    ]);
    // Google's custom methods and a colon inside a segment are not placeholders.
    expect(parsePathKey('/v1/{name}:cancel', new Set(['name', 'cancel'])).path).to.equal('/v1/{name}:cancel');
    expect(parsePathKey('/time/12:30', new Set(['30'])).path).to.equal('/time/12:30');
  });

  it('tells plain templates apart from keys it changes', () => {
    for (const key of ['/pets/{petId}', '/v1/{name}:cancel', '/a.b/c-d']) expect(isPlainPathKey(key), key).to.equal(true);
    for (const key of ['/files/{id}#x', '/r?beta=true', '/users/:id', '/o/<id>', '/a?']) expect(isPlainPathKey(key), key).to.equal(false);
  });

  it('plans requests without the fragment, with the query apart and placeholders as parameters', async () => {
    const fragments = await sent('fragment-paths.yaml');
    expect(fragments.requests.addSharedLink).to.deep.include({ path: '/files/{file_id}' });
    expect(fragments.requests.addSharedLink!.query).to.equal(undefined);
    expect(fragments.requests.searchContent!.path).to.equal('/search');
    const queries = await sent('query-in-path.yaml');
    expect(queries.requests.createBetaResponse).to.deep.include({ path: '/responses', query: 'beta=true' });
    // The key fixes `view`: the declared parameter is not sent a second time.
    expect(queries.requests.getResponseFull).to.deep.include({ path: '/responses/{response_id}', query: 'view=full&lang=en%20GB' });
    expect(queries.requests.getResponseFull!.parameters.map((parameter) => `${parameter.in} ${parameter.name}`)).to.deep.equal(['path response_id']);
    const placeholders = await sent('placeholder-paths.yaml');
    expect(placeholders.requests.getAvatar!.path).to.equal('/users/{user_id}/avatars/{size}.{format}');
    expect(placeholders.requests.cancelOrder!.path).to.equal('/orders/{order_id}');
    expect(placeholders.requests.legacyPing!.path).to.equal('/legacy/:token');
  });

  it('reports each kind once per path key, with the path item\'s pointer, and the ambiguities as warnings', async () => {
    const codes = (diagnostics: Array<{ code: string; severity: string; pointer?: string }>) =>
      diagnostics.filter((diagnostic) => diagnostic.code.startsWith('spec/path-key')).map((diagnostic) => `${diagnostic.severity} ${diagnostic.code} ${diagnostic.pointer}`);
    expect(codes((await sent('fragment-paths.yaml')).diagnostics)).to.deep.equal([
      'info spec/path-key-fragment #/paths/~1files~1{file_id}#get_shared_link',
      'info spec/path-key-fragment #/paths/~1files~1{file_id}#add_shared_link',
      'info spec/path-key-fragment #/paths/~1files~1{file_id}#remove_shared_link',
      'info spec/path-key-fragment #/paths/~1search#by_query',
      'warning spec/path-key-ambiguous #/paths/~1files~1{file_id}',
      'warning spec/path-key-ambiguous #/paths/~1files~1{file_id}',
    ]);
    const queries = (await sent('query-in-path.yaml')).diagnostics;
    expect(codes(queries)).to.deep.equal([
      'info spec/path-key-query #/paths/~1responses?beta=true',
      'info spec/path-key-query #/paths/~1responses~1{response_id}?view=full&lang=en%20GB',
      'warning spec/path-key-ambiguous #/paths/~1responses~1{response_id}?view=full&lang=en%20GB/get/parameters/1',
      'info spec/path-key-query #/paths/~1export?format=csv&note=café au lait',
    ]);
    const placeholders = (await sent('placeholder-paths.yaml')).diagnostics;
    expect(codes(placeholders).filter((line) => line.startsWith('warning'))).to.deep.equal([
      'warning spec/path-key-placeholder #/paths/~1legacy~1:token',
      'warning spec/path-key-placeholder #/paths/~1echo~1<raw>',
    ]);
    expect(placeholders.find((diagnostic) => diagnostic.pointer === '#/paths/~1legacy~1:token')?.message).to.match(/declares no path parameter "token": it is sent as the literal text :token/);
  });
});
