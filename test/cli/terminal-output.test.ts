import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR, PROJECT_ROOT } from '../helpers/paths.js';
import { terminalHazards } from '../helpers/terminal-hazards.js';
import { TempProject } from '../helpers/temp-project.js';

/**
 * Terminal escapes (window title, erase line, conceal, CR, a C1 CSI) and GitHub Actions
 * workflow commands (at a line start, after indentation, after a zero-width space, and the
 * legacy `##[` anywhere), each with a word to find in the output.
 */
const PAYLOADS = [
  '\u001b]0;PWNED-OSC\u0007',
  '\u001b[2KPWNED-ERASE',
  '\u001b[8mPWNED-CONCEAL',
  'PWNED-CR\rOVERWRITTEN',
  '\u009b31mPWNED-C1',
  '\n::error::PWNED-ERROR',
  '\n::add-mask::PWNED-MASK',
  '\n    ::stop-commands::PWNED-STOP',
  '\n\u200b::warning::PWNED-ZWSP',
  ' ##[error]PWNED-LEGACY',
  '\u202ePWNED-RLO',
];
const NASTY = PAYLOADS.join(' ');

function expectSafe(output: string, label: string, words: string[]): void {
  expect(terminalHazards(output), `${label}:\n${output}`).to.deep.equal([]);
  // The hostile text was printed (escaped), so the check above had something to catch.
  for (const word of words) expect(output, `${label} prints ${word}`).to.contain(word);
}

/** A spec whose title starts a line with `::`, and whose other strings carry every payload. */
function hostileSpec(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: `::error::PWNED-TITLE ${NASTY}`, version: NASTY, description: NASTY },
    paths: {
      [`/login/PWNED-PATH ${NASTY}`]: {
        post: {
          operationId: `login PWNED-OPERATION ${NASTY}`,
          summary: NASTY,
          tags: [NASTY],
          requestBody: { content: { 'application/json': { schema: { $ref: `#/components/schemas/Missing${NASTY}` } } } },
          responses: { '200': { description: NASTY } },
        },
      },
    },
  };
}

describe('CLI output: spec and result text cannot drive the terminal or the CI log', function () {
  this.timeout(60_000);
  let project: TempProject;
  let spec: string;
  before(() => {
    project = new TempProject();
    spec = project.write('spec.json', JSON.stringify(hostileSpec()));
  });
  after(() => project.remove());

  it('validate', async () => {
    const { stdout, stderr } = await runCommand(['validate', spec], { root: PROJECT_ROOT });
    expectSafe(stdout + stderr, 'validate', ['PWNED-TITLE', 'PWNED-ERROR', 'PWNED-STOP', 'PWNED-LEGACY']);
  });

  it('validate --json parses back to the same strings', async () => {
    const { stdout } = await runCommand(['validate', spec, '--json'], { root: PROJECT_ROOT });
    expectSafe(stdout, 'validate --json', ['PWNED-ERROR']);
    const parsed = JSON.parse(stdout) as { diagnostics: Array<{ message: string }> };
    expect(parsed.diagnostics.map((diagnostic) => diagnostic.message).join('\n')).to.contain(NASTY);
  });

  it('analyze, and analyze --json', async () => {
    const { stdout, stderr } = await runCommand(['analyze', spec], { root: PROJECT_ROOT });
    expectSafe(stdout + stderr, 'analyze', ['PWNED-TITLE', 'PWNED-LEGACY']);
    const json = await runCommand(['analyze', spec, '--json'], { root: PROJECT_ROOT });
    expectSafe(json.stdout, 'analyze --json', ['PWNED-TITLE', 'PWNED-LEGACY']);
    expect((JSON.parse(json.stdout) as { spec: { title: string } }).spec.title).to.equal(`::error::PWNED-TITLE ${NASTY}`);
  });

  it('generate --json, and the error of a spec generate cannot read', async () => {
    const { stdout } = await runCommand(['generate', spec, '-o', project.path('out'), '--json'], { root: PROJECT_ROOT });
    expectSafe(stdout, 'generate --json', ['PWNED-PATH', 'PWNED-OPERATION', 'PWNED-LEGACY']);
    expect(JSON.stringify(JSON.parse(stdout))).to.contain(JSON.stringify(NASTY).slice(1, -1));
    const unsupported = project.write('unsupported.json', JSON.stringify({ openapi: `4.0 ${NASTY}`, info: { title: 't', version: '1' }, paths: {} }));
    const failed = await runCommand(['generate', unsupported, '-o', project.path('out2')], { root: PROJECT_ROOT });
    expectSafe(failed.stdout + failed.stderr, 'generate error', ['PWNED-ERROR', 'PWNED-LEGACY']);
  });

  it('evaluate: test case names from the plan and labels from the results file', async () => {
    const plan = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'jtl', 'plan.json'), 'utf8')) as { testCases: Array<{ name: string }> };
    plan.testCases[0]!.name = `::error::PWNED-NAME ${NASTY}`;
    const planFile = project.write('plan.json', JSON.stringify(plan));
    const healthy = fs.readFileSync(path.join(FIXTURES_DIR, 'jtl', 'load-healthy.jtl'), 'utf8').trimEnd().split('\n');
    // A request row (the run check's row holds quoted JSON with commas).
    const row = healthy.slice(1).find((line) => !line.includes('perfplan:'))!.split(',');
    // A quoted CSV field: the escape and the newline are raw characters of the thread name.
    row[5] = `"unknown ##[error]PWNED-LABEL \u001b[8m\n::error::PWNED-LABEL-LINE 1-1"`;
    const results = project.write('results.jtl', `${[...healthy, row.join(',')].join('\n')}\n`);
    const { stdout, stderr, error } = await runCommand(['evaluate', '--plan', planFile, results], { root: PROJECT_ROOT });
    expect(error, String(error?.message)).to.equal(undefined);
    expectSafe(stdout + stderr, 'evaluate', ['PWNED-NAME', 'PWNED-ERROR', 'PWNED-LABEL', 'PWNED-LABEL-LINE']);
    const json = await runCommand(['evaluate', '--plan', planFile, results, '--json'], { root: PROJECT_ROOT });
    expectSafe(json.stdout, 'evaluate --json', ['PWNED-NAME', 'PWNED-LABEL']);
    expect(JSON.stringify(JSON.parse(json.stdout))).to.contain('PWNED-LABEL \\u001b[8m\\n::error::PWNED-LABEL-LINE');
  });
});
