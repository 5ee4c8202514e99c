import { emptyAnalysis } from '../analysis/index.js';
import { resolvePluginOptions } from '../config/index.js';
import { PerfplanError } from '../errors/index.js';
import type { AnalysisService } from '../plugin-api/index.js';
import type { PluginRegistry } from './plugin-registry.js';
import type { PipelineSettings } from './settings.js';

/** Runs the registered analyzers in order, each refining the analysis before it, with its `analyzers.<name>` options. */
export function createAnalysisRunner(input: { registry: PluginRegistry; settings: PipelineSettings }): AnalysisService {
  const { registry, settings } = input;
  return {
    async analyze({ model, report }) {
      let analysis = emptyAnalysis();
      for (const analyzer of registry.analyzers()) {
        try {
          analysis = await analyzer.analyze({ model, analysis, options: resolvePluginOptions(analyzer.options, settings.analyzers[analyzer.name]), report });
        } catch (error) {
          throw new PerfplanError('analyzer/failed', `Analyzer "${analyzer.name}" failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
      return analysis;
    },
  };
}
