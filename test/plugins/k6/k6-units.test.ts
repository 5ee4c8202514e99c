import { expect } from 'chai';
import { allocateScenarioNames, IdentifierAllocator, toIdentifier } from '../../../plugins/k6/src/identifiers.js';
import { bodyKind, fileSpec } from '../../../plugins/k6/src/request-body.js';
import { k6Duration } from '../../../plugins/k6/src/scenario-view.js';
import { formUrlEncoded, serializeHeader, serializePath, serializeQuery } from '../../../plugins/k6/src/serialize-params.js';
import { weightedCycle } from '../../../plugins/k6/src/weights.js';

describe('k6 renderer building blocks', () => {
  describe('identifiers', () => {
    it('turns any operationId into a valid JavaScript identifier', () => {
      expect(toIdentifier('get /pets/{petId}', 'op')).to.equal('getPetsPetId');
      expect(toIdentifier('class', 'op')).to.equal('class_');
      expect(toIdentifier('1abc', 'op')).to.equal('_1abc');
      expect(toIdentifier('"`${}`*/\n\u2028', 'op')).to.equal('$');
      expect(toIdentifier('ユーザー', 'op')).to.equal('op');
      expect(toIdentifier('delete', 'op')).to.equal('delete_');
    });

    it('suffixes names that collide after sanitising, and avoids reserved names', () => {
      const names = new IdentifierAllocator(['http']);
      expect(['a-b', 'a b', 'aB', 'http', 'aB'].map((text) => names.allocate(text, 'op'))).to.deep.equal(['aB', 'aB_2', 'aB_3', 'http_2', 'aB_4']);
    });

    it('makes scenario names of [A-Za-z0-9_-] only, unique', () => {
      expect(allocateScenarioNames(['load a', 'load_a', 'x{y}', ''])).to.deep.equal(['load_a', 'load_a_2', 'x_y_', 'scenario']);
    });
  });

  describe('parameter serialisation', () => {
    it('serialises query parameters per style and explode', () => {
      const q = (value: never, style?: string, explode?: boolean) => serializeQuery({ name: 'id', in: 'query', value, style, explode });
      expect(q(5 as never)).to.equal('id=5');
      expect(q([3, 4] as never)).to.equal('id=3&id=4');
      expect(q([3, 4] as never, 'form', false)).to.equal('id=3,4');
      expect(q({ role: 'admin', name: 'A b' } as never)).to.equal('role=admin&name=A%20b');
      expect(q({ role: 'admin', n: 1 } as never, 'form', false)).to.equal('id=role,admin,n,1');
      expect(q(['a b', 'c'] as never, 'spaceDelimited', false)).to.equal('id=a%20b%20c');
      expect(q(['a', 'c|d'] as never, 'pipeDelimited', false)).to.equal('id=a|c%7Cd');
      expect(q({ a: { b: 1 }, c: [1, 2] } as never, 'deepObject', true)).to.equal('id[a][b]=1&id[c]=1&id[c]=2');
      expect(q([] as never)).to.equal('');
      expect(q(null as never)).to.equal('id=');
    });

    it('serialises path parameters per style', () => {
      const p = (value: never, style?: string, explode?: boolean) => serializePath({ name: 'id', in: 'path', value, style, explode });
      expect(p('a/b' as never)).to.deep.equal({ raw: 'a/b' });
      expect(p([3, 4] as never)).to.deep.equal({ encoded: '3,4' });
      expect(p({ r: 'x', n: 'y z' } as never, 'simple', true)).to.deep.equal({ encoded: 'r=x,n=y%20z' });
      expect(p(5 as never, 'label')).to.deep.equal({ encoded: '.5' });
      expect(p([3, 4] as never, 'label', true)).to.deep.equal({ encoded: '.3.4' });
      expect(p(5 as never, 'matrix')).to.deep.equal({ encoded: ';id=5' });
      expect(p([3, 4] as never, 'matrix', true)).to.deep.equal({ encoded: ';id=3;id=4' });
      expect(p([3, 4] as never, 'matrix', false)).to.deep.equal({ encoded: ';id=3,4' });
    });

    it('keeps control characters out of headers and encodes form bodies', () => {
      expect(serializeHeader({ name: 'X', in: 'header', value: 'a\r\nb' })).to.equal('a b');
      expect(serializeHeader({ name: 'X', in: 'header', value: [1, 2] })).to.equal('1,2');
      expect(formUrlEncoded({ a: 'x y', b: [1, 2], c: { d: true } })).to.equal('a=x+y&b=1&b=2&c=%7B%22d%22%3Atrue%7D');
    });
  });

  describe('bodies', () => {
    it('classifies media types', () => {
      const kind = (mediaType: string, value: never = {} as never) => bodyKind({ mediaType, value });
      expect(kind('application/json')).to.equal('json');
      expect(kind('application/merge-patch+json; charset=utf-8')).to.equal('json');
      expect(kind('application/x-www-form-urlencoded')).to.equal('form');
      expect(kind('multipart/form-data')).to.equal('multipart');
      expect(kind('image/png')).to.equal('binary');
      expect(kind('*/*', { $file: { content: 'x' } } as never)).to.equal('binary');
      expect(kind('*/*', 'text' as never)).to.equal('text');
      expect(kind('application/xml', '<a/>' as never)).to.equal('text');
    });

    it('reads file markers with content or size', () => {
      expect(fileSpec({ $file: { name: 'a.png', contentType: 'image/png', content: 'x' } })).to.deep.equal({ name: 'a.png', contentType: 'image/png', content: 'x' });
      expect(fileSpec({ $file: { size: 10.7 } })).to.deep.equal({ name: 'file.bin', contentType: 'application/octet-stream', size: 10 });
      expect(fileSpec({ $file: {}, other: 1 })).to.equal(undefined);
      expect(fileSpec('x')).to.equal(undefined);
    });
  });

  describe('weighted cycle', () => {
    const counts = (cycle: number[], targets: number) => Array.from({ length: targets }, (_, index) => cycle.filter((entry) => entry === index).length);

    it('uses the shortest exact cycle and interleaves targets', () => {
      expect(weightedCycle([1])).to.deep.equal([0]);
      expect(weightedCycle([1, 1])).to.deep.equal([0, 1]);
      expect(weightedCycle([3, 1])).to.deep.equal([0, 0, 1, 0]);
      const auth = weightedCycle([0.1, 0.8, 0.1]);
      expect(auth).to.have.length(10);
      expect(counts(auth, 3)).to.deep.equal([1, 8, 1]);
    });

    it('keeps every target in the cycle when weights are uneven, and is deterministic', () => {
      const cycle = weightedCycle([1000, 1, Math.PI]);
      expect(cycle.length).to.be.at.most(1000);
      expect(counts(cycle, 3).every((count) => count >= 1)).to.equal(true);
      expect(weightedCycle([1000, 1, Math.PI])).to.deep.equal(cycle);
      expect(counts(weightedCycle([0, -1, Number.NaN]), 3)).to.deep.equal([1, 1, 1]);
      expect(weightedCycle(Array.from({ length: 1500 }, () => 1))).to.have.length(1500);
    });
  });

  it('writes k6 durations in whole seconds, or milliseconds when fractional', () => {
    expect([k6Duration(30), k6Duration(0.5), k6Duration(0), k6Duration(Number.NaN)]).to.deep.equal(['30s', '500ms', '0s', '0s']);
  });
});
