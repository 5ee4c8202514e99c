// Which k6 modules the k6 TEST DOUBLE implements, and the messages for the ones it does not:
// shared by the module-loader hooks (functional mode) and the per-VU module linker (load mode).

const MODULE_FILES: Record<string, string> = {
  k6: 'k6.js',
  'k6/http': 'k6-http.js',
  'k6/execution': 'k6-execution.js',
  'k6/encoding': 'k6-encoding.js',
  'k6/metrics': 'k6-metrics.js',
  'k6/data': 'k6-data.js',
};

export function isK6Specifier(specifier: string): boolean {
  return specifier === 'k6' || specifier.startsWith('k6/');
}

/** The URL of the double's module for a `k6` or `k6/*` import; throws a clear message for the others. */
export function k6ModuleUrl(specifier: string): string {
  if (specifier === 'k6/options') {
    throw new Error(
      "k6 has no runtime module 'k6/options' (it exists only as types in @types/k6): import its Options type in JSDoc, e.g. /** @type {import('k6/options').Options} */",
    );
  }
  const file = MODULE_FILES[specifier];
  if (file === undefined) {
    throw new Error(`The k6 test double does not implement module '${specifier}' (it implements ${Object.keys(MODULE_FILES).join(', ')})`);
  }
  return new URL(`./modules/${file}`, import.meta.url).href;
}
