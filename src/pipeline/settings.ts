import type { TestType } from '../model/index.js';
import type { SynthesisLimits } from '../data/limits.js';
import type { DataOptions } from '../data/variations/data-plan.js';
import type { DeclaredWorkflow, ProfileOptions, StrategyScope } from '../plugin-api/index.js';

/** List settings a command-line flag can set instead of the config. */
export type ListSetting = 'engines' | 'include' | 'exclude' | 'types';

/** Where the settings came from, so a problem names the config file and key, or the flag. */
export interface SettingsOrigin {
  configFile?: string;
  /** Settings a command-line flag gave (`--include ...`), not the config. */
  fromFlags?: readonly ListSetting[];
}

/** A strategy's scope as a config can write it: no code (`match`). */
export type RoutingRule = Omit<StrategyScope, 'match'>;

/** What the pipeline needs from config and flags, already merged (flags win). */
export interface PipelineSettings {
  /** Renderer names to run; undefined runs every registered renderer. */
  engines?: string[];
  baseUrl?: string;
  profiles: Record<string, ProfileOptions>;
  analyzers: Record<string, Record<string, unknown>>;
  renderOptions: Record<string, Record<string, unknown>>;
  /** Test types to keep; undefined keeps all. */
  types?: TestType[];
  include: string[];
  exclude: string[];
  /** `--users` / `--duration` / `--rps`: applied to every profile (each strategy reads them in its own way). */
  overrides: Pick<ProfileOptions, 'virtualUsers' | 'durationSeconds' | 'targetRps'>;
  allowExternalRefs: boolean;
  allowRemoteRefs: boolean;
  /** Size limits of synthesized request values (config `dataLimits`); unset ones come from the environment or the defaults. */
  dataLimits?: Partial<SynthesisLimits>;
  /** How request values vary (config `data`): the seed's default, feeder rows, upload and bulk sizes. */
  data?: DataOptions;
  /** Workflows the config declares by operationId. */
  workflows: DeclaredWorkflow[];
  /** Config `routing`: per strategy name, the scope that replaces its own (in the order written). */
  routing?: Record<string, RoutingRule>;
  /** Default of the scripts' run-time time scale (TIME_SCALE / -JtimeScale); 1 when unset. */
  timeScale?: number;
  origin?: SettingsOrigin;
}

export function defaultSettings(): PipelineSettings {
  return {
    profiles: {},
    analyzers: {},
    renderOptions: {},
    include: [],
    exclude: [],
    overrides: {},
    allowExternalRefs: false,
    allowRemoteRefs: false,
    workflows: [],
  };
}
