import path from 'node:path';
import { Args, Flags } from '@oclif/core';
import { PerfplanCommand } from '../../cli/index.js';
import { ExitCode, PerfplanError } from '../../errors/index.js';
import { checkScaffoldTarget, pluginNameProblem, pluginPackageName, SCAFFOLD_KINDS, scaffoldFiles, writeScaffold, type ScaffoldKind } from '../../scaffold/index.js';

export default class PluginNew extends PerfplanCommand {
  static override summary = 'Create a plugin package (a renderer, a profile strategy or an analyzer) with its tests and README.';
  static override description =
    'Writes perfplan-plugin-NAME/: package.json (ES module, "exports", perfplan as a peer dependency), index.js (the plugin, ' +
    'plain JavaScript with JSDoc types, importing only perfplan/plugin), tests run by "npm test" (node --test, using ' +
    'perfplan/plugin/testing) and a README. Install it in a project with "npm i -D ./perfplan-plugin-NAME" and enable it ' +
    'with plugins: [\'NAME\'] in perfplan.config.ts. The guide is docs/plugins.md.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> renderer artillery',
    '<%= config.bin %> <%= command.id %> strategy payments -o plugins/payments',
    '<%= config.bin %> <%= command.id %> analyzer acme-tags --dry-run',
  ];
  static override args = {
    kind: Args.string({ name: 'KIND', description: 'What the plugin is.', options: [...SCAFFOLD_KINDS], required: true }),
    name: Args.string({ name: 'NAME', description: 'The plugin\'s name: the package is perfplan-plugin-NAME, config names it NAME.', required: true }),
  };
  static override flags = {
    output: Flags.string({ char: 'o', summary: 'Folder to write the package into (default: ./perfplan-plugin-NAME).' }),
    force: Flags.boolean({ summary: 'Write into a folder that is not empty (its files of the same names are overwritten).', default: false }),
    'dry-run': Flags.boolean({ summary: 'List the files it would write, and write nothing.', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PluginNew);
    const kind = args.kind as ScaffoldKind;
    const problem = pluginNameProblem(args.name);
    if (problem !== undefined) {
      throw new PerfplanError('scaffold/invalid-name', `"${args.name}" cannot name a plugin: ${problem}.`, {
        fix: 'Pass the NAME part of perfplan-plugin-NAME: lower-case letters, digits and "-", for example "artillery" or "acme-payments".',
        exitCode: ExitCode.usage,
      });
    }
    const dir = path.resolve(flags.output ?? pluginPackageName(args.name));
    const files = scaffoldFiles({ kind, name: args.name });
    const shown = path.relative(process.cwd(), dir) || '.';
    if (flags['dry-run']) {
      checkScaffoldTarget({ dir, force: flags.force });
      this.log(`Would write ${files.length} files to ${shown}/:`);
      for (const file of files) this.log(`  ${file.path}`);
      return;
    }
    writeScaffold({ dir, files, force: flags.force });
    this.log(`Wrote ${files.length} files to ${shown}/ (${kind === 'analyzer' ? 'an' : 'a'} ${kind} plugin named "${args.name}").`);
    this.log('Next:');
    this.log(`  npm i -D ./${shown.split(path.sep).join('/')}      # in the project that has perfplan installed`);
    this.log(`  then plugins: ['${args.name}'] in perfplan.config.ts, and "npm test" in ${shown} for its tests`);
  }
}
