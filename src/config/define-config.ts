import type { ConfigContext, UserConfig } from './types.js';

/**
 * Gives `perfplan.config.ts` type checking; returns its argument unchanged.
 * A function form (sync or async) is accepted too and called with `{ cwd }` at load time.
 */
export function defineConfig(config: UserConfig): UserConfig;
export function defineConfig(
  config: (context: ConfigContext) => UserConfig | Promise<UserConfig>,
): (context: ConfigContext) => UserConfig | Promise<UserConfig>;
export function defineConfig<T>(config: T): T {
  return config;
}
