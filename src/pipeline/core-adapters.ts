import { loadSpec } from '../openapi/index.js';
import type { AuthPlanner, OutputWriter, SpecLoader } from '../plugin-api/index.js';
import { openOutput } from '../render/index.js';
import { buildAuthPlan } from './auth-plan.js';

// The core services that are one function of their module, as the container binds them.

/** Reads spec files (and `$ref`ed files, as the settings allow) from disk. */
export const fileSpecLoader: SpecLoader = { load: (input) => loadSpec(input) };

export const defaultAuthPlanner: AuthPlanner = { plan: ({ model, requests }) => buildAuthPlan(model, requests) };

/** Writes the output folder, replacing it only once complete (see openOutput). */
export const folderOutputWriter: OutputWriter = { open: (options) => openOutput(options) };
