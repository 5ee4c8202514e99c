import { expect } from 'chai';
import { checkConfig, defineConfig, validateConfig } from '../../src/config/index.js';
import { nearestName } from '../../src/config/suggest.js';
import { caught } from './temp-dir.js';

const FILE = '/project/perfplan.config.ts';

function messages(config: unknown): string[] {
  return checkConfig(config).map((problem) => `${problem.path}: ${problem.message}`);
}

describe('validateConfig', () => {
  it('accepts a full valid config and returns it unchanged', () => {
    const config = defineConfig({
      spec: 'openapi.yaml',
      output: 'out',
      baseUrl: 'https://api.example.com',
      engines: ['k6', 'jmeter'],
      plugins: [
        'csv',
        './org/standard.js',
        { kind: 'analyzer', name: 'tags', analyze: ({ analysis }) => analysis },
        [{ kind: 'renderer', name: 'csv2', render: () => [] }],
      ],
      profiles: { standard: { virtualUsers: 50, durationSeconds: 300, p95Ms: 300, errorRate: 0.001 }, 'my-org': { maxUsers: 10 } },
      analyzers: { 'critical-path': { keywords: ['billing'] } },
      renderOptions: { k6: { summary: true } },
      include: ['getPetById', 'tag:store', 'GET /pets/*'],
      exclude: ['DELETE /admin/**'],
      types: ['load', 'spike'],
      workflows: [{ name: 'checkout', steps: [{ operationId: 'addToCart', weight: 2 }, { operationId: 'pay' }] }],
      allowExternalRefs: true,
      allowRemoteRefs: false,
    });
    expect(checkConfig(config)).to.deep.equal([]);
    expect(validateConfig({ config, file: FILE })).to.equal(config);
  });

  it('accepts an empty config', () => {
    expect(checkConfig({})).to.deep.equal([]);
  });

  it('names an unknown top-level key, the nearest known key and the allowed keys', async () => {
    const error = await caught(() => validateConfig({ config: { profile: { standard: {} } }, file: FILE }));
    expect(error.code).to.equal('config/invalid');
    expect(error.exitCode).to.equal(2);
    expect(error.file).to.equal(FILE);
    expect(error.pointer).to.equal('profile');
    expect(error.message).to.contain(FILE);
    expect(error.message).to.contain('profile: unknown key; did you mean `profiles`?');
    expect(error.message).to.contain('Allowed keys: spec, output, baseUrl, engines, plugins, profiles,');
    expect(error.fix).to.be.a('string');
  });

  it('suggests nested keys too, and nothing for a key unlike any', () => {
    expect(messages({ profiles: { standard: { virtualuser: 5 } } })[0]).to.match(
      /^profiles\.standard\.virtualuser: unknown key; did you mean `virtualUsers`\? Allowed keys: virtualUsers, maxUsers,/,
    );
    expect(messages({ wibble: 1 })[0]).to.match(/^wibble: unknown key\. Allowed keys: spec,/);
  });

  it('names the full key path, the expected type and the value for a wrong type', () => {
    expect(messages({ profiles: { standard: { virtualUsers: 'fifty' } } })).to.deep.equal([
      'profiles.standard.virtualUsers: expected integer >= 1, got string "fifty"',
    ]);
    expect(messages({ allowRemoteRefs: 'yes' })).to.deep.equal(['allowRemoteRefs: expected boolean, got string "yes"']);
    expect(messages({ workflows: [{ name: 'w', steps: [{ operationId: 'a', weight: -1 }] }] })).to.deep.equal([
      'workflows[0].steps[0].weight: expected number from 0.001 to 10000, got number -1',
    ]);
  });

  it('checks dataLimits: positive integers under known names', () => {
    expect(checkConfig({ dataLimits: { maxStringLength: 1_000_000, maxArrayItems: 5000, maxObjectProperties: 10, maxBodyBytes: 4_194_304 } })).to.deep.equal([]);
    expect(messages({ dataLimits: { maxStringLength: 0 } })).to.deep.equal(['dataLimits.maxStringLength: expected integer >= 1, got number 0']);
    expect(messages({ dataLimits: { maxItem: 5 } })[0]).to.match(/^dataLimits\.maxItem: unknown key[.;].*Allowed keys: maxStringLength, maxArrayItems, maxObjectProperties, maxBodyBytes/);
  });

  it('reports every problem at once, not just the first', async () => {
    const config = {
      profile: {},
      output: 5,
      baseUrl: 'api.example.com',
      profiles: { stress: { errorRate: 5 } },
      types: ['load', 'smoke'],
      include: ['get pets'],
      engines: ['k6', 'k6'],
      workflows: [{ steps: [] }],
    };
    const problems = messages(config);
    expect(problems).to.have.members([
      'profile: unknown key; did you mean `profiles`? Allowed keys: spec, output, baseUrl, engines, plugins, profiles, routing, analyzers, renderOptions, include, exclude, types, workflows, allowExternalRefs, allowRemoteRefs, timeScale, dataLimits, data',
      'output: expected non-empty string, got number 5',
      'baseUrl: expected http(s) URL string such as https://api.example.com, got string "api.example.com"',
      'profiles.stress.errorRate: expected number between 0 and 1 (a fraction: 0.01 = 1 %), got number 5',
      'types[1]: expected one of "load", "stress", "spike", "soak", "mixed", "workflow", got string "smoke"',
      'include[0]: expected string: an operationId, `tag:NAME` or `METHOD /path/glob` (for example `GET /pets/*`), got string "get pets"',
      'engines: items [0] and [1] are duplicates; list each value once',
      'workflows[0].name: is required but missing',
      'workflows[0].steps: expected at least 1 item, got 0',
    ]);
    const error = await caught(() => validateConfig({ config, file: FILE }));
    expect(error.message).to.contain(`(${problems.length} problems)`);
    for (const problem of problems) expect(error.message).to.contain(problem);
  });

  it('rejects a config that is not an object', () => {
    expect(messages(['spec.yaml'])).to.deep.equal([': the config must be an object, got array']);
    expect(messages(null)).to.deep.equal([': the config must be an object, got null']);
  });

  describe('plugin objects in `plugins`', () => {
    it('checks kind, name and the function each kind needs, naming plugins[i]', () => {
      const problems = messages({
        plugins: [
          'csv',
          { kind: 'renderer', name: 'r' },
          { kind: 'reporter', name: 'x', render: () => [] },
          { kind: 'analyzer', analyze: () => ({}) },
          { kind: 'profile', name: 'p', plan: 'not a function' },
          42,
          '',
        ],
      });
      expect(problems).to.deep.equal([
        'plugins[1].render: a renderer plugin must have a function `render`, got undefined (plugin "r")',
        'plugins[2].kind: expected one of "analyzer", "profile", "renderer", "result-reader", "container", got string "reporter" (plugin "x")',
        'plugins[3].name: expected a non-empty string, got undefined',
        'plugins[4].plan: a profile plugin must have a function `plan`, got string "not a function" (plugin "p")',
        'plugins[5]: expected a package name, a path, or a plugin object, got number 42',
        'plugins[6]: expected a package name or a path, got an empty string',
      ]);
    });

    it('checks each plugin of an array entry as plugins[i][j]', () => {
      expect(messages({ plugins: [[{ kind: 'analyzer', name: 'a', analyze: () => ({}) }, { kind: 'renderer', name: 'b' }]] })).to.deep.equal([
        'plugins[0][1].render: a renderer plugin must have a function `render`, got undefined (plugin "b")',
      ]);
    });

    it('checks optional renderer methods when present', () => {
      expect(messages({ plugins: [{ kind: 'renderer', name: 'r', render: () => [], supports: true }] })).to.deep.equal([
        'plugins[0].supports: expected a function, got boolean true (plugin "r")',
      ]);
    });
  });
});

describe('nearestName', () => {
  it('finds typos, swaps and case slips but not unrelated words', () => {
    const known = ['spec', 'output', 'profiles', 'plugins', 'renderOptions'];
    expect(nearestName('profile', known)).to.equal('profiles');
    expect(nearestName('pluigns', known)).to.equal('plugins');
    expect(nearestName('RenderOptions', known)).to.equal('renderOptions');
    expect(nearestName('outptu', known)).to.equal('output');
    expect(nearestName('database', known)).to.equal(undefined);
  });
});
