import { runCommand } from '@oclif/test';
import { expect } from 'chai';
import { PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';

const PETSTORE = fixtureSpec('swagger-petstore-oas3-1.0.27.yaml');

/** A renderer with typed options: `region` required, `retries` an integer from 0 with a default of 2. */
const ACME_RENDERER = `import { defineRenderer } from 'perfplan/plugin';
export default defineRenderer({
  name: 'acme',
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['region'],
      properties: { region: { enum: ['eu', 'us'] }, retries: { type: 'integer', minimum: 0 } },
    },
    defaults: { retries: 2 },
  },
  render: ({ options }) => [{ path: 'acme/options.json', contents: JSON.stringify(options) }],
});
`;

/** An analyzer with typed options, which records what it was given on the first operation's tags. */
const TAGGING_ANALYZER = `import { defineAnalyzer } from 'perfplan/plugin';
export default defineAnalyzer({
  name: 'acme-tags',
  options: { schema: { type: 'object', properties: { tag: { type: 'string', minLength: 1 } } }, defaults: { tag: 'acme' } },
  analyze: ({ analysis }) => analysis,
});
`;

describe('typed plugin options: a schema the plugin declares, checked before it runs', function () {
  this.timeout(60_000);
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
    project.write('acme.js', ACME_RENDERER);
    project.write('tags.js', TAGGING_ANALYZER);
  });
  afterEach(() => project.remove());

  const configWith = (extra: object) =>
    project.write('.perfplanrc.json', JSON.stringify({ spec: PETSTORE, output: 'out', plugins: ['./acme.js', './tags.js'], ...extra }));
  const perfplan = (args: string[]) => runCommand(args, { root: PROJECT_ROOT });

  it('gives the renderer its defaults under what the config sets', async () => {
    const config = configWith({ engines: ['acme'], renderOptions: { acme: { region: 'eu' } } });
    const { error } = await perfplan(['generate', '--config', config]);
    expect(error, String(error?.message)).to.equal(undefined);
    expect(JSON.parse(project.read('out/acme/options.json'))).to.deep.equal({ retries: 2, region: 'eu' });
  });

  it('stops with exit 2 naming each config key the schema refuses, before anything is written', async () => {
    const config = configWith({ renderOptions: { acme: { region: 'mars', retries: -1, retires: 3 } } });
    const { error, stderr } = await perfplan(['generate', '--config', config]);
    expect(error?.oclif?.exit).to.equal(2);
    expect(stderr).to.contain(`The perfplan config ${config} gives plugins options they refuse (3 problems):`);
    expect(stderr).to.contain('renderOptions.acme.retires: unknown key; did you mean `retries`? Allowed keys: region, retries (the options schema of the renderer "acme")');
    expect(stderr).to.contain('renderOptions.acme.region: expected one of "eu", "us", got string "mars"');
    expect(stderr).to.contain('renderOptions.acme.retries: must be >= 0, got number -1');
    expect(stderr).to.contain('Set renderOptions.acme as the renderer "acme" expects (its options: region, retries)');
    expect(stderr).to.contain('code: config/invalid-plugin-options');
    expect(project.exists('out')).to.equal(false);
  });

  it('names a required option the config leaves out, and checks analyzers\' options the same way', async () => {
    const missing = await perfplan(['generate', '--config', configWith({ engines: ['acme'] })]);
    expect(missing.error?.oclif?.exit).to.equal(2);
    expect(missing.stderr).to.contain('renderOptions.acme.region: is required but missing (the options schema of the renderer "acme")');

    const analyzer = await perfplan(['validate', '--config', configWith({ engines: ['k6'], analyzers: { 'acme-tags': { tag: '' } } })]);
    expect(analyzer.error?.oclif?.exit).to.equal(2);
    expect(analyzer.stdout).to.contain(
      'error config/invalid-plugin-options at analyzers.acme-tags.tag in ' + project.path('.perfplanrc.json') + ': must NOT have fewer than 1 characters, got string "" (the options schema of the analyzer "acme-tags")',
    );
  });

  it('leaves a renderer that does not run and has no options in the config alone', async () => {
    const { error } = await perfplan(['generate', '--config', configWith({ engines: ['k6'] })]);
    expect(error, String(error?.message)).to.equal(undefined);
    expect(project.exists('out/k6/load.js')).to.equal(true);
  });

  it('reports a plugin whose own schema does not compile as the plugin\'s fault, and a malformed options field at load', async () => {
    project.write('acme.js', ACME_RENDERER.replace("type: 'object',", "type: 'objekt',"));
    const broken = await perfplan(['generate', '--config', configWith({ renderOptions: { acme: { region: 'eu' } } })]);
    expect(broken.error?.oclif?.exit).to.equal(2);
    expect(broken.stderr).to.contain('the renderer "acme" declares an options schema that is not a valid JSON Schema');
    expect(broken.stderr).to.contain('code: plugin/invalid');

    // Another file: this process has imported acme.js already.
    project.write('shapeless.js', `export default { kind: 'renderer', name: 'acme', options: { defaults: [] }, render: () => [] };\n`);
    const shape = await perfplan(['generate', '--config', configWith({ plugins: ['./shapeless.js'] })]);
    expect(shape.error?.oclif?.exit).to.equal(2);
    expect(shape.stderr).to.contain('default.options.schema: expected a JSON Schema object, got undefined (plugin "acme")');
    expect(shape.stderr).to.contain('default.options.defaults: expected an object of option values, got array (plugin "acme")');
  });
});
