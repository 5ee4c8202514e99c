import { PerfplanError } from '../errors/index.js';
import type { Diagnostic } from '../model/index.js';
import type { GeneratedFile, RenderContext, Renderer, RenderInput, RenderOutput } from '../plugin-api/index.js';
import { createTemplateRenderer } from '../render/index.js';

/**
 * Renders with one renderer (its templates through perfplan's template engine, its reports into
 * `diagnostics`), handing each file to `emit` as it arrives; any failure is the renderer's, by name.
 */
export async function renderWith({
  renderer,
  input,
  diagnostics,
  emit,
}: {
  renderer: Renderer;
  input: Omit<RenderInput, 'ctx'>;
  diagnostics: Diagnostic[];
  emit: (file: GeneratedFile) => Promise<void> | void;
}): Promise<void> {
  const failed = (error: unknown): PerfplanError =>
    new PerfplanError('renderer/failed', `Renderer "${renderer.name}" failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
      fix: 'Run with PERFPLAN_DEBUG=1 for the stack trace, and report it to the renderer\'s author.',
    });
  const template = renderer.templatesDir ? createTemplateRenderer({ templatesDir: renderer.templatesDir }) : undefined;
  const ctx: RenderContext = {
    renderTemplate(name, data) {
      if (!template) throw new Error(`renderer "${renderer.name}" has no templatesDir`);
      return template(name, data);
    },
    report: (diagnostic) => diagnostics.push(diagnostic),
  };
  let output: Awaited<RenderOutput>;
  try {
    output = await renderer.render({ ...input, ctx });
    if (!isIterable(output)) throw new Error('render() must return an array (or an iterable) of { path, contents }');
  } catch (error) {
    throw failed(error);
  }
  const iterator = Symbol.asyncIterator in output ? output[Symbol.asyncIterator]() : (output as Iterable<GeneratedFile>)[Symbol.iterator]();
  for (;;) {
    let step: IteratorResult<GeneratedFile>;
    try {
      step = await iterator.next();
    } catch (error) {
      throw failed(error);
    }
    if (step.done) return;
    const file = step.value;
    if (!file || typeof file.path !== 'string' || typeof file.contents !== 'string') {
      throw failed(new Error('render() returned a file without a string path and contents'));
    }
    // Errors of the output (a path the writer refuses, a full disk) are not the renderer's.
    await emit(file);
  }
}

function isIterable(value: unknown): value is Iterable<GeneratedFile> | AsyncIterable<GeneratedFile> {
  return typeof value === 'object' && value !== null && (Symbol.iterator in value || Symbol.asyncIterator in value);
}
