import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ejs from 'ejs';
import { ExitCode, isPerfplanError, PerfplanError } from '../errors/index.js';
import { unsafePathReason } from './safe-path.js';

/**
 * The name templates use for their data: `<%- it.scriptName %>`. Templates run in
 * strict mode without `with`, so a bare `scriptName` is a ReferenceError.
 */
export const TEMPLATE_DATA_NAME = 'it';

export interface TemplateRendererOptions {
  /** Folder of the templates: a path, a `file:` URL, or a `file:` URL string. */
  templatesDir: string | URL;
}

/**
 * Renders a template by name with the given data. Names are relative to templatesDir
 * with "/" (also inside `include`, whichever template includes); ".ejs" is appended
 * unless the name already ends with it: `k6/script.js` is `k6/script.js.ejs`.
 */
export type TemplateRenderer = (name: string, data: Record<string, unknown>) => string;

interface LoadedTemplate {
  file: string;
  text: string;
  render: ejs.TemplateFunction;
}

const ESCAPED_OUTPUT_FIX =
  'Print with <%- and prepare the value in the view-model function, already escaped for the target language (HTML escaping is wrong for code).';

/**
 * A renderer over one templates folder. Each template is read and compiled once.
 * Templates may only print values with `<%-` (`<%=` is refused when the template is
 * loaded, and the escape function throws should one slip through), and may include
 * other templates of the same folder with `include('name', data)`.
 */
export function createTemplateRenderer(options: TemplateRendererOptions): TemplateRenderer {
  const templatesDir = toDirPath(options.templatesDir);
  const loaded = new Map<string, LoadedTemplate>();
  let realTemplatesDir: string | undefined;

  // ejs also passes the template's file name through the escape function when it
  // adds the template line to an error; those names are let through, nothing else.
  const escape = (value: unknown): string => {
    if (typeof value === 'string' && loaded.has(value)) return value;
    throw new PerfplanError('template/escaped-output', 'A template printed a value with "<%=", which HTML-escapes it.', {
      exitCode: ExitCode.failed,
      fix: ESCAPED_OUTPUT_FIX,
    });
  };

  const locate = (name: string): string => {
    const reason = unsafePathReason(name);
    if (reason !== undefined) {
      throw new PerfplanError('template/unsafe-name', `The template name ${JSON.stringify(name)} is not allowed: ${reason}.`, {
        file: templatesDir,
        exitCode: ExitCode.failed,
        fix: `Name templates by their path relative to ${templatesDir}, with "/" and no "..".`,
      });
    }
    const fileName = name.endsWith('.ejs') ? name : `${name}.ejs`;
    const file = path.join(templatesDir, ...fileName.split('/'));
    let realFile: string;
    try {
      realTemplatesDir ??= fs.realpathSync(templatesDir);
      realFile = fs.realpathSync(file);
    } catch (error) {
      throw new PerfplanError('template/not-found', `The template ${JSON.stringify(name)} does not exist (looked for ${file}).`, {
        file,
        exitCode: ExitCode.failed,
        fix: `Add ${fileName} to ${templatesDir}, or fix the template name.`,
        cause: error,
      });
    }
    const inside = path.relative(realTemplatesDir, realFile);
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
      throw new PerfplanError('template/unsafe-name', `The template ${JSON.stringify(name)} resolves to ${realFile}, outside ${templatesDir} (through a symlink).`, {
        file,
        exitCode: ExitCode.failed,
        fix: `Keep templates as regular files inside ${templatesDir}.`,
      });
    }
    return file;
  };

  const load = (name: string): LoadedTemplate => {
    const file = locate(name);
    const cached = loaded.get(file);
    if (cached !== undefined) return cached;
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const ejsOptions: ejs.Options = {
      filename: file,
      strict: true,
      _with: false,
      localsName: TEMPLATE_DATA_NAME,
      rmWhitespace: false,
      escape,
      includer: (includeName: string) => {
        const included = load(includeName);
        // ejs 7 takes both: the file name for error messages, the text we already checked.
        return { filename: included.file, template: included.text } as unknown as ejs.IncluderResult;
      },
    };
    assertNoEscapedOutput(file, text, ejsOptions);
    let render: ejs.TemplateFunction;
    try {
      render = ejs.compile(text, { ...ejsOptions, async: false }) as ejs.TemplateFunction;
    } catch (error) {
      throw new PerfplanError('template/invalid', `The template ${file} does not compile: ${messageOf(error)}`, {
        file,
        exitCode: ExitCode.failed,
        fix: 'Fix the template syntax (every <% needs its %>; the code inside must be valid JavaScript).',
        cause: error,
      });
    }
    const template = { file, text, render };
    loaded.set(file, template);
    return template;
  };

  return (name, data) => {
    const template = load(name);
    try {
      return template.render(data);
    } catch (error) {
      if (isPerfplanError(error)) throw error;
      throw new PerfplanError('template/render-failed', `The template ${template.file} failed: ${messageOf(error)}`, {
        file: template.file,
        exitCode: ExitCode.failed,
        fix: `Templates only loop and print: check that the view model passes every value the template reads (as ${TEMPLATE_DATA_NAME}.<name>).`,
        cause: error,
      });
    }
  };
}

function toDirPath(dir: string | URL): string {
  if (dir instanceof URL) return fileURLToPath(dir);
  if (dir.startsWith('file:')) return fileURLToPath(dir);
  return path.resolve(dir);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Finds `<%=` tags when the template is loaded, so a tag in a branch the tests never
 * take is refused too. Uses ejs's own tokenizer so `<%%=` (a literal) is not mistaken.
 */
function assertNoEscapedOutput(file: string, text: string, ejsOptions: ejs.Options): void {
  const template = new ejs.Template(text, ejsOptions) as ejs.Template & { parseTemplateText?: () => string[] };
  if (typeof template.parseTemplateText !== 'function') return; // the runtime escape still refuses it
  let line = 1;
  for (const token of template.parseTemplateText()) {
    if (token === '<%=') {
      throw new PerfplanError('template/escaped-output', `The template ${file} uses "<%=" on line ${line}; it HTML-escapes values.`, {
        file,
        pointer: `line ${line}`,
        exitCode: ExitCode.failed,
        fix: ESCAPED_OUTPUT_FIX,
      });
    }
    line += token.split('\n').length - 1;
  }
}
