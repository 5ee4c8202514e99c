import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PerfplanError } from '../../src/errors/index.js';
import { createTemplateRenderer } from '../../src/render/template-engine.js';
import { tempDirs } from './temp-dir.js';

function writeTemplates(dir: string, templates: Record<string, string>): void {
  for (const [name, text] of Object.entries(templates)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

function thrownBy(action: () => unknown): PerfplanError {
  try {
    action();
  } catch (error) {
    expect(error).to.be.instanceOf(PerfplanError);
    return error as PerfplanError;
  }
  throw new Error('expected an error');
}

describe('render/template-engine', () => {
  const temp = tempDirs('templates');
  afterEach(() => temp.cleanup());

  it('renders with the data as `it`, keeping whitespace and printing values unescaped', () => {
    const dir = temp.make();
    writeTemplates(dir, {
      'script.js.ejs': 'const name = <%- it.name %>;\n  <% for (const x of it.items) { %>\n<%- x %>,<% } %>\n',
    });
    const render = createTemplateRenderer({ templatesDir: dir });
    const out = render('script.js', { name: JSON.stringify('<a & "b">'), items: [1, 2] });
    expect(out).to.equal('const name = "<a & \\"b\\">";\n  \n1,\n2,\n');
  });

  it('accepts the name with or without .ejs, and the folder as a URL or a file: URL string', () => {
    const dir = temp.make();
    writeTemplates(dir, { 'a.txt.ejs': 'A<%- it.v %>' });
    for (const templatesDir of [dir, pathToFileURL(dir), pathToFileURL(dir).href]) {
      const render = createTemplateRenderer({ templatesDir });
      expect(render('a.txt', { v: 1 })).to.equal('A1');
      expect(render('a.txt.ejs', { v: 2 })).to.equal('A2');
    }
  });

  it('runs templates in strict mode without `with`: bare names are errors', () => {
    const dir = temp.make();
    writeTemplates(dir, { 'bare.ejs': '<%- name %>' });
    const error = thrownBy(() => createTemplateRenderer({ templatesDir: dir })('bare', { name: 'x' }));
    expect(error.code).to.equal('template/render-failed');
    expect(error.message).to.contain('name is not defined');
    expect(error.file).to.equal(path.join(dir, 'bare.ejs'));
  });

  it('includes partials by their name relative to the templates folder, from any depth', () => {
    const dir = temp.make();
    writeTemplates(dir, {
      'main.ejs': '<% for (const op of it.ops) { -%>\n<%- include("partials/op", { op }) -%>\n<% } -%>\n',
      'partials/op.ejs': 'call(<%- it.op %>) in <%- it.file %>; <%- include("partials/deep/tag") %>\n',
      'partials/deep/tag.ejs': '// <%- it.op %>',
    });
    const render = createTemplateRenderer({ templatesDir: dir });
    expect(render('main', { file: 'x.js', ops: ['a', 'b'] })).to.equal('call(a) in x.js; // a\ncall(b) in x.js; // b\n');
  });

  it('loads each template once', () => {
    const dir = temp.make();
    writeTemplates(dir, { 't.ejs': 'first' });
    const render = createTemplateRenderer({ templatesDir: dir });
    expect(render('t', {})).to.equal('first');
    fs.writeFileSync(path.join(dir, 't.ejs'), 'second');
    expect(render('t', {})).to.equal('first');
    expect(createTemplateRenderer({ templatesDir: dir })('t', {})).to.equal('second');
  });

  it('refuses <%= when the template is loaded, even in a branch that never runs', () => {
    const dir = temp.make();
    writeTemplates(dir, { 'escaped.ejs': 'line 1\n<% if (false) { %>\n<%= it.x %>\n<% } %>\n' });
    const error = thrownBy(() => createTemplateRenderer({ templatesDir: dir })('escaped', { x: '<b>' }));
    expect(error.code).to.equal('template/escaped-output');
    expect(error.message).to.contain('line 3');
    expect(error.file).to.equal(path.join(dir, 'escaped.ejs'));
    expect(error.fix).to.contain('<%-');
  });

  it('refuses <%= in an included partial', () => {
    const dir = temp.make();
    writeTemplates(dir, { 'main.ejs': 'x<%- include("p") %>', 'p.ejs': '<%= it.v %>' });
    const error = thrownBy(() => createTemplateRenderer({ templatesDir: dir })('main', { v: 1 }));
    expect(error.code).to.equal('template/escaped-output');
    expect(error.message).to.contain('p.ejs');
  });

  it('still prints a literal <%%= as text', () => {
    const dir = temp.make();
    writeTemplates(dir, { 'lit.ejs': 'a <%%= b %> c' });
    expect(createTemplateRenderer({ templatesDir: dir })('lit', {})).to.equal('a <%= b %> c');
  });

  describe('template names that escape the folder', () => {
    const hostile = ['../secret', '../../etc/passwd', 'a/../../secret', '/etc/passwd', 'C:/x', '..\\secret', 'a//b', ''];
    for (const name of hostile) {
      it(`rejects ${JSON.stringify(name)}`, () => {
        const base = temp.make();
        const dir = path.join(base, 'templates');
        writeTemplates(base, { 'secret.ejs': 'SECRET', 'templates/ok.ejs': 'ok' });
        const error = thrownBy(() => createTemplateRenderer({ templatesDir: dir })(name, {}));
        expect(error.code).to.equal('template/unsafe-name');
      });
    }

    it('rejects an include that leaves the folder', () => {
      const base = temp.make();
      writeTemplates(base, { 'secret.ejs': 'SECRET', 'templates/main.ejs': '<%- include("../secret") %>' });
      const error = thrownBy(() => createTemplateRenderer({ templatesDir: path.join(base, 'templates') })('main', {}));
      expect(error.code).to.equal('template/unsafe-name');
      expect(error.message).to.contain('../secret');
    });

    it('rejects a template that is a symlink to a file outside the folder', function () {
      if (process.platform === 'win32') this.skip();
      const base = temp.make();
      writeTemplates(base, { 'secret.ejs': 'SECRET', 'templates/ok.ejs': 'ok' });
      fs.symlinkSync(path.join(base, 'secret.ejs'), path.join(base, 'templates', 'link.ejs'));
      const error = thrownBy(() => createTemplateRenderer({ templatesDir: path.join(base, 'templates') })('link', {}));
      expect(error.code).to.equal('template/unsafe-name');
    });
  });

  it('names a missing template and where it looked', () => {
    const dir = temp.make();
    const error = thrownBy(() => createTemplateRenderer({ templatesDir: dir })('nope', {}));
    expect(error.code).to.equal('template/not-found');
    expect(error.message).to.contain(path.join(dir, 'nope.ejs'));
  });

  it('reports a syntax error in a template as template/invalid', () => {
    const dir = temp.make();
    writeTemplates(dir, { 'broken.ejs': '<% if (it.x { %>x<% } %>' });
    const error = thrownBy(() => createTemplateRenderer({ templatesDir: dir })('broken', {}));
    expect(error.code).to.equal('template/invalid');
    expect(error.file).to.equal(path.join(dir, 'broken.ejs'));
  });
});
