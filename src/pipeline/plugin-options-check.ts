import { pluginOptionsProblems } from '../config/index.js';
import type { Diagnostic } from '../model/index.js';
import type { Analyzer, Renderer } from '../plugin-api/index.js';
import type { PluginRegistry } from './plugin-registry.js';
import type { PipelineSettings } from './settings.js';

/** `renderOptions.acme`, `analyzers["my org"]`. */
function optionsKey(parent: string, name: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(name) ? `${parent}.${name}` : `${parent}[${JSON.stringify(name)}]`;
}

function schemaProperties(schema: unknown): string[] {
  const properties = schema !== null && typeof schema === 'object' ? (schema as { properties?: unknown }).properties : undefined;
  return properties !== null && typeof properties === 'object' ? Object.keys(properties) : [];
}

function checked(input: { settings: PipelineSettings; plugin: Analyzer | Renderer; label: string; parent: 'analyzers' | 'renderOptions' }): Diagnostic[] {
  const { settings, plugin, label, parent } = input;
  if (plugin.options === undefined) return [];
  const key = optionsKey(parent, plugin.name);
  const { problems, schemaError } = pluginOptionsProblems({ spec: plugin.options, configured: settings[parent][plugin.name], key });
  if (schemaError !== undefined) {
    return [
      {
        code: 'plugin/invalid',
        severity: 'error',
        message: `the ${label} "${plugin.name}" declares an options schema that is not a valid JSON Schema: ${schemaError}`,
        fix: `Fix options.schema of the ${label} "${plugin.name}" (a JSON Schema, draft-07), or report it to the plugin's author.`,
      },
    ];
  }
  const file = settings.origin?.configFile === undefined ? {} : { file: settings.origin.configFile };
  const known = schemaProperties(plugin.options.schema);
  return problems.map((problem) => ({
    code: 'config/invalid-plugin-options',
    severity: 'error',
    message: `${problem.message} (the options schema of the ${label} "${plugin.name}")`,
    pointer: problem.path,
    fix: `Set ${key} as the ${label} "${plugin.name}" expects${known.length > 0 ? ` (its options: ${known.join(', ')})` : ''}; see the plugin's documentation.`,
    ...file,
  }));
}

/**
 * Options that do not match the schema their plugin declares: every analyzer's, and the
 * renderers' that run (`engines`) or that the config gives options.
 */
export function pluginOptionsDiagnostics(settings: PipelineSettings, registry: PluginRegistry): Diagnostic[] {
  const renderers = registry.renderers().filter((renderer) => settings.engines === undefined || settings.engines.includes(renderer.name) || renderer.name in settings.renderOptions);
  return [
    ...registry.analyzers().flatMap((plugin) => checked({ settings, plugin, label: 'analyzer', parent: 'analyzers' })),
    ...renderers.flatMap((plugin) => checked({ settings, plugin, label: 'renderer', parent: 'renderOptions' })),
  ];
}
