import fs from 'node:fs';
import path from 'node:path';
import { Flags } from '@oclif/core';
import { PerfplanCommand } from '../cli/index.js';
import { packageRoot } from '../config/index.js';
import { ExitCode, PerfplanError } from '../errors/index.js';
import { jsString } from '../plugin-api/index.js';
import { createTemplateRenderer } from '../render/index.js';

export default class Init extends PerfplanCommand {
  static override summary = 'Create a perfplan.config.ts in the current folder.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --spec api/openapi.yaml'];
  static override flags = {
    spec: Flags.string({ summary: 'Spec path to put in the config.', default: 'openapi.yaml' }),
    force: Flags.boolean({ summary: 'Overwrite an existing perfplan.config.ts.', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Init);
    const target = path.join(process.cwd(), 'perfplan.config.ts');
    if (fs.existsSync(target) && !flags.force) {
      throw new PerfplanError('init/exists', 'perfplan.config.ts already exists here.', {
        file: target,
        fix: 'Edit it, or run "perfplan init --force" to replace it.',
        exitCode: ExitCode.usage,
      });
    }
    const render = createTemplateRenderer({ templatesDir: path.join(packageRoot(), 'templates', 'init') });
    fs.writeFileSync(target, render('perfplan.config.ts.ejs', { spec: jsString(flags.spec) }));
    this.log(`Wrote ${path.relative(process.cwd(), target)}. Next: "${this.config.bin} generate".`);
  }
}
