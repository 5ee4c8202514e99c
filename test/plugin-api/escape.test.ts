import { expect } from 'chai';
import vm from 'node:vm';
import { jsKey, jsLiteral } from '../../src/plugin-api/index.js';
import type { JsonValue } from '../../src/model/index.js';

/** What a JavaScript engine makes of the literal. */
function evaluate(source: string): unknown {
  return vm.runInNewContext(`(${source})`);
}

describe('plugin-api: jsLiteral and jsKey', () => {
  // JSON.parse makes `__proto__` an own property; a JS object literal would make it the prototype.
  const withProto = JSON.parse('{"a":[1,{"__proto__":{"b":null}},[]],"__proto__":"x","c":{},"d":"\\u2028"}') as JsonValue;

  it('writes a `__proto__` key so that it stays an own property, at every depth, with and without indent', () => {
    for (const indent of [undefined, 2]) {
      const value = evaluate(jsLiteral(withProto, indent)) as Record<string, unknown>;
      expect(Object.keys(value), `indent ${indent}`).to.deep.equal(['a', '__proto__', 'c', 'd']);
      expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).to.equal('x');
      expect(Object.getPrototypeOf(value)).to.not.equal(null);
      expect(JSON.stringify(value)).to.equal(JSON.stringify(withProto));
    }
  });

  it('keeps JSON.stringify layout (and its escaping of U+2028) apart from that key', () => {
    expect(jsLiteral(withProto, 2).replace(/\["__proto__"\]/g, '"__proto__"')).to.equal(JSON.stringify(withProto, null, 2).replace(/\u2028/g, '\\u2028'));
    expect(jsLiteral(withProto).replace(/\["__proto__"\]/g, '"__proto__"')).to.equal(JSON.stringify(withProto).replace(/\u2028/g, '\\u2028'));
    const plain = { a: [1, { constructor: 'c', toString: 't' }] };
    expect(jsLiteral(plain, 2)).to.equal(JSON.stringify(plain, null, 2));
  });

  it('jsKey names any property of an object literal', () => {
    const source = `{ ${['__proto__', 'constructor', 'a"b'].map((name, index) => `${jsKey(name)}: ${index}`).join(', ')} }`;
    expect(Object.entries(evaluate(source) as object)).to.deep.equal([['__proto__', 0], ['constructor', 1], ['a"b', 2]]);
  });
});
