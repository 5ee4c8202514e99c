// Node module-loader hooks of the k6 TEST DOUBLE (functional mode, --iterations): `k6` and `k6/*` imports in a script resolve to
// the double's modules, and the script's own .js files load as ES modules (as k6 reads them),
// whatever package.json says.
import { pathToFileURL } from 'node:url';
import { isK6Specifier, k6ModuleUrl } from './k6-modules.js';

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
  if (isK6Specifier(specifier)) return { url: k6ModuleUrl(specifier), shortCircuit: true };
  return nextResolve(specifier, context);
}

export async function load(url: string, context: { format?: string | null }, nextLoad: NextLoad): Promise<LoadResult> {
  if (scriptRootUrl !== '' && url.startsWith(scriptRootUrl) && /\.(js|mjs)$/.test(url)) {
    return nextLoad(url, { ...context, format: 'module' });
  }
  return nextLoad(url, context);
}
