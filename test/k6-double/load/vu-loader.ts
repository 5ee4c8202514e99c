// Loads a k6 script into one VU thread of the k6 TEST DOUBLE, as k6 gives each VU its own module
// instances: the script's files are compiled as ES modules with node:vm (the VU threads run with
// --experimental-vm-modules), `k6` and `k6/*` imports are linked to the double's modules, and
// nothing else outside the script's own files can be imported. Per-thread loader hooks would do the
// same, but start a hooks thread for every VU, which made VU start-up about twice as slow.
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { isK6Specifier, k6ModuleUrl } from '../k6-modules.js';

type Module = vm.SourceTextModule | vm.SyntheticModule;

const cache = new Map<string, Promise<Module>>();

async function doubleModule(specifier: string): Promise<Module> {
  const namespace = (await import(k6ModuleUrl(specifier))) as Record<string, unknown>;
  const names = Object.keys(namespace);
  return new vm.SyntheticModule(
    names,
    function (this: vm.SyntheticModule) {
      for (const name of names) this.setExport(name, namespace[name]);
    },
    { identifier: specifier },
  );
}

function scriptModule(url: string): Module {
  const file = fileURLToPath(url);
  if (!/\.m?js$/.test(file)) throw new Error(`k6 double: cannot import ${file}: only .js modules of the script are loaded (read data with open())`);
  const source = fs.readFileSync(file, 'utf8');
  try {
    return new vm.SourceTextModule(source, {
      identifier: url,
      initializeImportMeta(meta) {
        meta.url = url;
      },
      importModuleDynamically: (async (specifier: string) => {
        const module = await resolveModule(specifier, url);
        await linkAndEvaluate(module);
        return module;
      }) as unknown as vm.SourceTextModuleOptions['importModuleDynamically'],
    });
  } catch (error) {
    if (error instanceof SyntaxError) error.message = `${error.message} in ${file}`;
    throw error;
  }
}

function resolveModule(specifier: string, referrer: string): Promise<Module> {
  let key: string;
  if (isK6Specifier(specifier)) key = specifier;
  else if (specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/')) key = new URL(specifier, referrer).href;
  else if (specifier.startsWith('file:')) key = specifier;
  else if (/^https?:/.test(specifier)) {
    return Promise.reject(new Error(`k6 double: remote module ${specifier} (imported from ${referrer}) cannot be loaded: the double loads only k6 modules and the script's own files`));
  } else {
    return Promise.reject(new Error(`k6 double: cannot resolve module '${specifier}' imported from ${referrer} (k6 scripts import k6/* modules and files by relative path)`));
  }
  let module = cache.get(key);
  if (module === undefined) {
    module = isK6Specifier(key) ? doubleModule(key) : Promise.resolve().then(() => scriptModule(key));
    cache.set(key, module);
  }
  return module;
}

async function linkAndEvaluate(module: Module): Promise<void> {
  if (module.status === 'unlinked') {
    await module.link((specifier, referencing) => resolveModule(specifier, referencing.identifier));
  }
  if (module.status === 'linked') await module.evaluate();
  if (module.status === 'errored') throw module.error;
}

/** Imports the script (its init code runs now) and returns its exports. */
export async function loadScript(scriptPath: string): Promise<Record<string, unknown>> {
  const module = await resolveModule(pathToFileURL(scriptPath).href, pathToFileURL(scriptPath).href);
  await linkAndEvaluate(module);
  return module.namespace as Record<string, unknown>;
}
