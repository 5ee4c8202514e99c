/**
 * Bounds on the values perfplan synthesizes, so a schema asking for `minLength: 1e8` or
 * `minItems: 1e8` cannot make it write gigabytes or run for ever. A constraint that needs more
 * is reported (data/size-limit) and the value is left out, or the request marked known
 * unsupported when the value is required. Each limit can be raised with an environment
 * variable (see SYNTHESIS_LIMIT_ENV) or the config key `dataLimits`.
 */
export interface SynthesisLimits {
  /** Characters in one synthesized string. */
  maxStringLength: number;
  /** Items in one synthesized array. */
  maxArrayItems: number;
  /** Properties in one synthesized object. */
  maxObjectProperties: number;
  /** Bytes (about: JSON text) of one synthesized value: a request body or a parameter. */
  maxBodyBytes: number;
}

export const DEFAULT_SYNTHESIS_LIMITS: Readonly<SynthesisLimits> = Object.freeze({
  maxStringLength: 65_536,
  maxArrayItems: 1_000,
  maxObjectProperties: 1_000,
  maxBodyBytes: 1_048_576,
});

/** The environment variables that raise (or lower) each limit; named like the spec limits (PERFPLAN_MAX_SPEC_BYTES). */
export const SYNTHESIS_LIMIT_ENV: Readonly<Record<keyof SynthesisLimits, string>> = Object.freeze({
  maxStringLength: 'PERFPLAN_MAX_STRING_LENGTH',
  maxArrayItems: 'PERFPLAN_MAX_ARRAY_ITEMS',
  maxObjectProperties: 'PERFPLAN_MAX_OBJECT_PROPERTIES',
  maxBodyBytes: 'PERFPLAN_MAX_BODY_BYTES',
});

/** The config key (`dataLimits.<name>`) of each limit, for messages. */
export const SYNTHESIS_LIMIT_CONFIG_KEY = 'dataLimits';

/** Defaults, then the environment, then explicit options (config); a non-positive or non-numeric value is ignored. */
export function resolveSynthesisLimits(options: Partial<SynthesisLimits> = {}, env: NodeJS.ProcessEnv = process.env): SynthesisLimits {
  const limits: SynthesisLimits = { ...DEFAULT_SYNTHESIS_LIMITS };
  for (const key of Object.keys(limits) as Array<keyof SynthesisLimits>) {
    const fromEnv = Number(env[SYNTHESIS_LIMIT_ENV[key]]);
    if (Number.isFinite(fromEnv) && fromEnv > 0) limits[key] = Math.floor(fromEnv);
    const fromOptions = options[key];
    if (typeof fromOptions === 'number' && Number.isFinite(fromOptions) && fromOptions > 0) limits[key] = Math.floor(fromOptions);
  }
  return limits;
}

/** How to raise one limit, for diagnostics. */
export function raiseLimitHint(key: keyof SynthesisLimits): string {
  return `raise it with ${SYNTHESIS_LIMIT_ENV[key]} or the config key ${SYNTHESIS_LIMIT_CONFIG_KEY}.${key}`;
}
