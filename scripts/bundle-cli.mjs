// Bundles the CLI's commands and everything they import into one file, dist/perfplan-cli.js,
// which oclif loads (package.json "oclif.commands"). Loading one file instead of several hundred
// modules (inversify alone is 364) takes a fifth of a second less on every command.
// @oclif/core stays outside: bin/run.js and the bundle must share one copy.
// typescript stays outside: cosmiconfig would only need it for a loader perfplan replaces with jiti.
// jiti stays outside: it loads its own files by relative path at run time (and only for a .ts config).
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/src/commands/index.js'],
  outfile: 'dist/perfplan-cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@oclif/core', 'typescript', 'jiti'],
  // Bundled CommonJS packages call require(): give the ES module one.
  banner: { js: "import { createRequire as perfplanCreateRequire } from 'node:module'; const require = perfplanCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
