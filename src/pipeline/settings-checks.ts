import { ExitCode, PerfplanError } from '../errors/index.js';
import { nearestName } from '../config/suggest.js';
import type { ApiModel, Diagnostic } from '../model/index.js';
import { plural } from '../plugin-api/plural.js';
import { matchesFilter } from './operation-filter.js';
import { pluginOptionsDiagnostics } from './plugin-options-check.js';
import type { PluginRegistry } from './plugin-registry.js';
import type { ListSetting, PipelineSettings } from './settings.js';

/**
 * Settings that parse but name something that is not there: a profile strategy, renderer or
 * analyzer no plugin registers, an operation filter or workflow step no operation of the spec
 * answers to. Each is a diagnostic naming the config key (or the flag), with a fix; the pipeline
 * stops on them (exit 2) before anything is written, and `validate` lists them.
 */

const MAX_LISTED = 12;

function listed(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED).join(', ');
  return names.length > MAX_LISTED ? `${shown}, … (${names.length} in all)` : shown || 'none';
}

/** `; did you mean "standard"?`, or a full stop when no known name is close. */
function didYouMean(name: string, known: readonly string[]): string {
  const suggestion = nearestName(name, known);
  return suggestion === undefined ? '.' : `; did you mean "${suggestion}"?`;
}

/** `profiles.standrd`, `profiles["my org"]`. */
function memberKey(parent: string, name: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(name) ? `${parent}.${name}` : `${parent}[${JSON.stringify(name)}]`;
}

/** Where a list setting's item came from: `include[1]` in the config, or `--include "GET /x"` on the command line. */
function itemKey(settings: PipelineSettings, setting: ListSetting, index: number): string {
  if (settings.origin?.fromFlags?.includes(setting)) return `--${setting}`;
  return `${setting}[${index}]`;
}

function fileOf(settings: PipelineSettings, key: string): { file?: string } {
  return key.startsWith('--') || settings.origin?.configFile === undefined ? {} : { file: settings.origin.configFile };
}

function problem(settings: PipelineSettings, fields: { code: string; key: string; message: string; fix: string }): Diagnostic {
  return { code: fields.code, severity: 'error', message: fields.message, pointer: fields.key, fix: fields.fix, ...fileOf(settings, fields.key) };
}

/** Names in the settings that no registered plugin has; needs no spec, so it runs first. */
export function registryProblems(settings: PipelineSettings, registry: PluginRegistry): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const strategies = registry.strategies().map((strategy) => strategy.name);
  for (const name of Object.keys(settings.profiles)) {
    if (strategies.includes(name)) continue;
    problems.push(
      problem(settings, {
        code: 'config/unknown-profile',
        key: memberKey('profiles', name),
        message: `no profile strategy is named "${name}"${didYouMean(name, strategies)} Registered profile strategies (built-in and from plugins): ${listed(strategies)}.`,
        fix: `Rename the key to a registered strategy, or add the plugin that registers "${name}" to "plugins" ("perfplan plugins" lists what is loaded).`,
      }),
    );
  }
  for (const name of Object.keys(settings.routing ?? {})) {
    if (strategies.includes(name)) continue;
    problems.push(
      problem(settings, {
        code: 'config/unknown-profile',
        key: memberKey('routing', name),
        message: `no profile strategy is named "${name}"${didYouMean(name, strategies)} Registered profile strategies (built-in and from plugins): ${listed(strategies)}.`,
        fix: `Route a registered strategy, or add the plugin that registers "${name}" to "plugins" ("perfplan plugins" lists what is loaded).`,
      }),
    );
  }
  const renderers = registry.renderers().map((renderer) => renderer.name);
  for (const [index, name] of (settings.engines ?? []).entries()) {
    if (renderers.includes(name)) continue;
    problems.push(
      problem(settings, {
        code: 'config/unknown-engine',
        key: itemKey(settings, 'engines', index),
        message: `no renderer is named "${name}"${didYouMean(name, renderers)} Registered renderers: ${listed(renderers)}.`,
        fix: `Use a registered renderer's name, or add the plugin that renders "${name}" to "plugins" (for example "plugins: ['${name}']" for the package perfplan-plugin-${name}).`,
      }),
    );
  }
  const analyzers = registry.analyzers().map((analyzer) => analyzer.name);
  for (const name of Object.keys(settings.analyzers)) {
    if (analyzers.includes(name)) continue;
    problems.push(
      problem(settings, {
        code: 'config/unknown-analyzer',
        key: memberKey('analyzers', name),
        message: `no analyzer is named "${name}"${didYouMean(name, analyzers)} Registered analyzers: ${listed(analyzers)}.`,
        fix: `Rename the key to a registered analyzer, or add the plugin that registers "${name}" to "plugins".`,
      }),
    );
  }
  for (const name of Object.keys(settings.renderOptions)) {
    if (renderers.includes(name)) continue;
    problems.push(
      problem(settings, {
        code: 'config/unknown-renderer',
        key: memberKey('renderOptions', name),
        message: `no renderer is named "${name}"${didYouMean(name, renderers)} Registered renderers: ${listed(renderers)}.`,
        fix: `Rename the key to a registered renderer, or add the plugin that renders "${name}" to "plugins".`,
      }),
    );
  }
  problems.push(...pluginOptionsDiagnostics(settings, registry));
  return problems;
}

/** What a filter that matched nothing might have meant, from the spec's operation ids, tags and paths. */
function filterHint(filter: string, model: ApiModel): { meant?: string; context: string } {
  const trimmed = filter.trim();
  if (trimmed.startsWith('tag:')) {
    const tags = [...new Set(model.operations.flatMap((operation) => operation.tags))];
    const near = nearestName(trimmed.slice(4), tags);
    return { ...(near === undefined ? {} : { meant: `tag:${near}` }), context: `Tags in the spec: ${listed(tags)}.` };
  }
  const route = /^([A-Za-z*]+)\s+(\/.*)$/.exec(trimmed);
  const globPath = route ? route[2] : trimmed.startsWith('/') ? trimmed : undefined;
  if (globPath !== undefined) {
    const paths = [...new Set(model.operations.map((operation) => operation.path))];
    const near = nearestName(globPath.replace(/\/\*\*?$/, ''), paths);
    const method = route ? `${route[1]} ` : '';
    const meant = near === undefined ? undefined : `${method}${near}${globPath.endsWith('*') ? globPath.slice(globPath.lastIndexOf('/')) : ''}`;
    return { ...(meant === undefined ? {} : { meant }), context: `Paths in the spec: ${listed(paths)}.` };
  }
  const near = nearestName(trimmed, model.operations.map((operation) => operation.id));
  return { ...(near === undefined ? {} : { meant: near }), context: 'It is not an operationId of the spec, and not tag:NAME or "METHOD /path/glob".' };
}

function filterMessage(filter: string, model: ApiModel): string {
  const hint = filterHint(filter, model);
  const meant = hint.meant === undefined || hint.meant === filter ? '.' : `; did you mean "${hint.meant}"?`;
  return `"${filter}" matches no operation of the spec${meant} ${hint.context}`;
}

/** Settings that name operations the spec does not have. */
export function specProblems(settings: PipelineSettings, model: ApiModel): Diagnostic[] {
  const problems: Diagnostic[] = [];
  if (model.operations.length > 0) {
    for (const setting of ['include', 'exclude'] as const) {
      for (const [index, filter] of settings[setting].entries()) {
        if (model.operations.some((operation) => matchesFilter(operation, filter))) continue;
        problems.push(
          problem(settings, {
            code: 'config/filter-matches-nothing',
            key: itemKey(settings, setting, index),
            message: filterMessage(filter, model),
            fix: `Fix or remove the filter: it is an operationId, tag:NAME or "METHOD /path/glob" (* within a path segment, ** across segments); "perfplan analyze --json" lists the operations.`,
          }),
        );
      }
    }
  }
  const ids = model.operations.map((operation) => operation.id);
  for (const workflow of settings.workflows) {
    for (const [index, step] of workflow.steps.entries()) {
      if (ids.includes(step.operationId)) continue;
      problems.push(
        problem(settings, {
          code: 'config/workflow-unknown-operation',
          key: `${workflow.key}.steps[${index}].operationId`,
          message: `workflow "${workflow.name}" names operationId "${step.operationId}", which the spec does not have${didYouMean(step.operationId, ids)}`,
          fix: `Use an operationId of the spec ("perfplan analyze --json" lists them; ${plural(ids.length, 'operation')} in this spec).`,
        }),
      );
    }
  }
  return problems;
}

/** One error for every problem found in the settings: exit 2, naming each key and what to do. */
export function settingsError(problems: readonly Diagnostic[], origin: PipelineSettings['origin']): PerfplanError {
  const [first] = problems;
  const keyed = (diagnostic: Diagnostic) => (diagnostic.pointer === undefined ? diagnostic.message : `${diagnostic.pointer}: ${diagnostic.message}`);
  const errorProblems = problems.map(({ code, message, file, pointer, fix }) => ({ code, message, ...(file === undefined ? {} : { file }), ...(pointer === undefined ? {} : { pointer }), ...(fix === undefined ? {} : { fix }) }));
  if (problems.length === 1) {
    return new PerfplanError(first.code, keyed(first), { file: first.file, pointer: first.pointer, fix: first.fix, exitCode: ExitCode.usage, problems: errorProblems });
  }
  const [where, name, give] = origin?.configFile === undefined ? ['The settings', 'name', 'give'] : [`The perfplan config ${origin.configFile}`, 'names', 'gives'];
  const refused = problems.filter((problem) => problem.code === 'config/invalid-plugin-options').length;
  const parts = [...(refused > 0 ? [`${give} plugins options they refuse`] : []), ...(refused < problems.length ? [`${name} what does not exist`] : [])];
  const what = parts.join(', and ');
  const fixes = [...new Set(problems.map((problem) => problem.fix).filter((fix): fix is string => fix !== undefined))];
  return new PerfplanError(
    problems.every((problem) => problem.code === first.code) ? first.code : 'config/invalid',
    [`${where} ${what} (${plural(problems.length, 'problem')}):`, ...problems.map((problem) => `  - ${keyed(problem)}`)].join('\n'),
    { file: first.file, pointer: first.pointer, fix: fixes.join('\n        '), exitCode: ExitCode.usage, problems: errorProblems },
  );
}
