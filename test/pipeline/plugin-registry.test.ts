import { expect } from 'chai';
import { createContainer, registryOf } from '../../src/di/index.js';
import type { PluginEntry } from '../../src/pipeline/index.js';
import { defineAnalyzer, defineRenderer, defineResultReader, type ReadResults } from '../../src/plugin-api/index.js';

const analyzer = (name: string, tag: string) => defineAnalyzer({ name, description: tag, analyze: ({ analysis }) => analysis });
const registryWith = (plugins: PluginEntry[]) => registryOf(createContainer({ plugins }));

describe('the plugin registry (from the container)', () => {
  it('keeps registration order and lets a later plugin of the same kind and name replace an earlier one in place', () => {
    const registry = registryWith([
      { plugin: analyzer('a', 'first a'), source: 'built-in' },
      { plugin: analyzer('b', 'b'), source: 'built-in' },
      { plugin: analyzer('a', 'org a'), source: 'config: ./org.js' },
      { plugin: analyzer('a', 'team a'), source: 'config: ./team.js' },
    ]);
    expect(registry.analyzers().map((plugin) => plugin.description)).to.deep.equal(['team a', 'b']);
    expect(registry.find('analyzer', 'a')?.replaced).to.deep.equal(['built-in', 'config: ./org.js']);
    expect(registry.find('analyzer', 'b')?.replaced).to.deep.equal([]);
  });

  it('keys by kind: a renderer and an analyzer may share a name', () => {
    const registry = registryWith([
      { plugin: analyzer('k6', 'analyzer'), source: 'x' },
      { plugin: defineRenderer({ name: 'k6', render: () => [] }), source: 'y' },
    ]);
    expect(registry.analyzers()).to.have.length(1);
    expect(registry.renderers()).to.have.length(1);
    expect(registry.find('renderer', 'k6')?.replaced).to.deep.equal([]);
  });

  it('finds the result reader of an engine: a result reader wins over the renderer\'s own, and a replaced renderer takes its reader along', () => {
    const fromRenderer: ReadResults = () => [];
    const fromReader: ReadResults = () => [];
    const renderers = [
      { plugin: defineRenderer({ name: 'k6', render: () => [], readResults: fromRenderer, resultsFile: 'k6.json' }), source: 'first-party' },
      { plugin: defineRenderer({ name: 'locust', render: () => [] }), source: 'first-party' },
    ];
    const plain = registryWith(renderers);
    expect(plain.resultReaders().map((reader) => reader.engine)).to.deep.equal(['k6']);
    expect(plain.resultReader('k6')).to.deep.include({ readResults: fromRenderer, resultsFile: 'k6.json', providedBy: 'renderer', source: 'first-party' });
    expect(plain.resultReader('locust')).to.equal(undefined);

    const overridden = registryWith([...renderers, { plugin: defineResultReader({ name: 'k6', readResults: fromReader }), source: 'config: ./org.js' }]);
    expect(overridden.resultReader('k6')).to.deep.include({ readResults: fromReader, providedBy: 'result-reader', source: 'config: ./org.js' });
    expect(overridden.resultReader('k6')?.resultsFile).to.equal(undefined);

    const replaced = registryWith([...renderers, { plugin: defineRenderer({ name: 'k6', render: () => [] }), source: 'config: ./k6.js' }]);
    expect(replaced.resultReader('k6')).to.equal(undefined);
  });
});
