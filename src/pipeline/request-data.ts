import { buildRequestTemplate, planData, resolveSynthesisLimits } from '../data/index.js';
import type { RequestDataBuilder } from '../plugin-api/index.js';
import type { PipelineSettings } from './settings.js';

/** Request templates synthesized from the schemas within the size limits, then varied per iteration (config `data`). */
export function createRequestDataBuilder(settings: PipelineSettings): RequestDataBuilder {
  return {
    build({ model, analysis, operations, report }) {
      const limits = resolveSynthesisLimits(settings.dataLimits);
      const built = operations.map((operation) => buildRequestTemplate({ model, operation, report, limits }));
      return planData({ model, analysis, requests: built, limits, options: settings.data });
    },
  };
}
