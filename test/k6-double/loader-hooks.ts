// Node module-loader hooks of the k6 TEST DOUBLE: `k6` and `k6/*` imports in a script resolve to
// the double's modules, and the script's own .js files load as ES modules (as k6 reads them),
// whatever package.json says.
import { pathToFileURL } from 'node:url';

const MODULES: Record<string, string> = {
  k6: 'k6.js',
  'k6/http': 'k6-http.js',
  'k6/execution': 'k6-execution.js',
  'k6/encoding': 'k6-encoding.js',
  'k6/metrics': 'k6-metrics.js',
  'k6/data': 'k6-data.js',
};

let scriptRootUrl = '';

export function initialize(data: { scriptRoot: string }): void {
  scriptRootUrl = pathToFileURL(data.scriptRoot.endsWith('/') ? data.scriptRoot : `${data.scriptRoot}/`).href;
}

interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: unknown) => Promise<ResolveResult>;
interface LoadResult {
  format: string;
  source?: string | ArrayBuffer | Uint8Array | null;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context: { format?: string | null }) => Promise<LoadResult>;

export async function resolve(specifier: string, context: unknown, nextResolve: NextResolve): Promise<ResolveResult> {
  if (specifier === 'k6' || specifier.startsWith('k6/')) {
    if (specifier === 'k6/options') {
      throw new Error(
        "k6 has no runtime module 'k6/options' (it exists only as types in @types/k6): import its Options type in JSDoc, e.g. /** @type {import('k6/options').Options} */",
      );
    }
    const file = MODULES[specifier];
    if (file === undefined) {
      throw new Error(`The k6 test double does not implement module '${specifier}' (it implements ${Object.keys(MODULES).join(', ')})`);
    }
    return { url: new URL(`./modules/${file}`, import.meta.url).href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url: string, context: { format?: string | null }, nextLoad: NextLoad): Promise<LoadResult> {
  if (scriptRootUrl !== '' && url.startsWith(scriptRootUrl) && /\.(js|mjs)$/.test(url)) {
    return nextLoad(url, { ...context, format: 'module' });
  }
  return nextLoad(url, context);
}
