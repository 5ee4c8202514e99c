import path from 'node:path';
import { packageRoot } from '../config/index.js';

/**
 * The first-party renderers perfplan ships. Each is the workspace package plugins/<name>
 * (@perfplan/plugin-<name>), compiled with perfplan into dist/plugins/<name>/src/ with its
 * templates/ and runtime/ copied beside it, so `perfplan generate` needs no install of its own.
 * A config naming the installed package (`plugins: ['@perfplan/plugin-k6']`) replaces this copy.
 */
export const FIRST_PARTY_RENDERERS = ['k6', 'jmeter', 'locust'] as const;

export type FirstPartyRenderer = (typeof FIRST_PARTY_RENDERERS)[number];

/** The module of perfplan's copy of a first-party renderer (absent in a checkout that was never built). */
export function firstPartyModule(name: FirstPartyRenderer): string {
  return path.join(packageRoot(), 'dist', 'plugins', name, 'src', 'index.js');
}

/** How `perfplan plugins` names where a first-party renderer came from. */
export function firstPartySource(name: FirstPartyRenderer): string {
  return `first-party (plugins/${name})`;
}
