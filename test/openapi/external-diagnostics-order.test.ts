import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { loadSpec } from '../../src/openapi/index.js';
import { tempDirs } from '../render/temp-dir.js';

describe('loadSpec: diagnostics of referenced files come in the same order on every run', () => {
  const temp = tempDirs('diagnostics-order');
  after(() => temp.cleanup());

  it('sorts them by file (referenced files are read concurrently, so parse order varies)', async () => {
    const dir = temp.make();
    const names: string[] = [];
    const properties: string[] = [];
    for (let i = 0; i < 30; i++) {
      // Files of different sizes finish reading in an order of their own.
      const padding = 'x'.repeat(((i * 7919) % 30) * 2000);
      const name = `s${i}.yaml`;
      names.push(name);
      fs.writeFileSync(path.join(dir, name), `type: string\ndescription: "${padding}"\nexample: { $ref: 'value${i}.json' }\n`);
      properties.push(`    p${i}: { $ref: "${name}" }`);
    }
    const file = path.join(dir, 'openapi.yaml');
    fs.writeFileSync(file, ['openapi: 3.0.3', 'info: { title: order, version: "1" }', 'paths: {}', 'components:', '  schemas:', ...properties, ''].join('\n'));
    const orders = new Set<string>();
    for (let run = 0; run < 5; run++) {
      const { diagnostics } = await loadSpec({ file });
      const literal = diagnostics.filter((d) => d.code === 'spec/ref-in-literal-value').map((d) => path.basename(d.file ?? ''));
      expect(literal).to.deep.equal([...names].sort());
      orders.add(JSON.stringify(diagnostics));
    }
    expect(orders.size).to.equal(1);
  });
});
