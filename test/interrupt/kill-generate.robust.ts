import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { recoverInterruptedOutput } from '../../src/render/index.js';
import { seededRandom } from '../broken-input/variants.js';
import { BIN_RUN, fixtureSpec } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../render/temp-dir.js';
import { readTree, whichTree } from './output-tree.js';

const SPEC = fixtureSpec('swagger-petstore-oas3-1.0.27.yaml');
const SEED = 97;
/** Runs that must really be interrupted (a kill that lands after the run ended does not count). */
const KILLS = Number(process.env.PERFPLAN_KILLS ?? 20);

/** The two outputs a run can leave: the previous one (1 user) and the new one (2 users). */
const argsFor = (version: 'old' | 'new', outDir: string) => ['generate', SPEC, '-o', outDir, '--users', version === 'old' ? '1' : '2', '--duration', '5s'];

function generate(version: 'old' | 'new', outDir: string, cwd: string): void {
  const run = runCli(argsFor(version, outDir), { cwd });
  if (run.status !== 0) throw new Error(`generate ${version} failed (${String(run.status)}): ${run.stderr}`);
}

/**
 * Starts `perfplan generate` of the new version and SIGKILLs it: `afterMs` after it starts, or,
 * with `afterStaging`, `afterMs` after its staging folder appears beside the output (the write
 * window, which lasts a few milliseconds, is hit on purpose whatever the machine's load).
 */
function killDuring(input: { outDir: string; cwd: string; afterMs: number; afterStaging: boolean }): Promise<{ code: number | null; firedAt: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN_RUN, ...argsFor('new', input.outDir)], { cwd: input.cwd, stdio: 'ignore' });
    let exited = false;
    let firedAt = 'never';
    let timer: NodeJS.Timeout | undefined;
    const fire = (label: string) => {
      timer = setTimeout(() => {
        firedAt = label;
        child.kill('SIGKILL');
      }, input.afterMs);
    };
    if (input.afterStaging) {
      const parent = path.dirname(input.outDir);
      const poll = (): void => {
        if (exited) return;
        if (fs.readdirSync(parent).some((name) => name.startsWith('.perfplan-tmp-'))) fire(`${input.afterMs} ms after staging appeared`);
        else setImmediate(poll);
      };
      poll();
    } else {
      fire(`${input.afterMs} ms after start`);
    }
    child.on('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      resolve({ code, firedAt });
    });
  });
}

describe('interrupt: killing perfplan generate leaves a complete previous or new output', function () {
  this.timeout(900_000);
  const temp = tempDirs('interrupt');
  after(() => temp.cleanup());

  it(`${KILLS} SIGKILLs that land mid-run, at seeded moments of real CLI runs (seed ${SEED})`, async () => {
    const base = temp.make();
    generate('old', path.join(base, 'good-old'), base);
    generate('new', path.join(base, 'good-new'), base);
    const known = { old: readTree(path.join(base, 'good-old')), new: readTree(path.join(base, 'good-new')) };
    expect(whichTree(path.join(base, 'good-new'), { old: known.old }).name, 'the two versions differ').to.equal(undefined);

    // One kill in four at a seeded moment of the first 1.5 s (start-up, load, render); the others
    // 0-30 ms after the staging folder appears (writing the files, the swap, the clean-up).
    const random = seededRandom(SEED);
    const outcomes: string[] = [];
    const failures: string[] = [];
    // Whether a kill lands before the run ends depends on the machine's speed: keep going (within
    // a bound) until KILLS runs were really interrupted, so every run of the test checks as many.
    let interrupted = 0;
    for (let kill = 0; interrupted < KILLS && kill < KILLS * 4; kill++) {
      const dir = path.join(base, `kill-${kill}`);
      fs.mkdirSync(dir);
      const outDir = path.join(dir, 'out');
      fs.cpSync(path.join(base, 'good-old'), outDir, { recursive: true });
      const afterStaging = kill % 4 !== 0;
      const afterMs = Math.round(afterStaging ? random() * 30 : random() * 1500);
      const { code: exitCode, firedAt } = await killDuring({ outDir, cwd: dir, afterMs, afterStaging });
      // Alternate the two ways back: the writer's recovery alone, or the next real run.
      const viaNextRun = kill % 2 === 1;
      let state: { name?: string; why?: string };
      if (viaNextRun) {
        generate('old', outDir, dir);
        state = whichTree(outDir, { old: known.old });
      } else {
        await recoverInterruptedOutput(outDir);
        state = whichTree(outDir, known);
      }
      const leftovers = fs.readdirSync(dir).filter((name) => name !== 'out');
      const finished = exitCode === 0 ? 'run finished before the kill' : `killed ${firedAt}`;
      if (exitCode !== 0) interrupted++;
      outcomes.push(`${finished} → ${state.name ?? 'BROKEN'}${viaNextRun ? ' (after the next run)' : ' (after recoverInterruptedOutput)'}`);
      if (state.name === undefined) failures.push(`kill ${kill} (${finished}): ${state.why ?? ''}`);
      if (leftovers.length > 0) failures.push(`kill ${kill} (${finished}): left ${leftovers.join(', ')} beside the output folder`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(`    ${outcomes.filter((line) => line.startsWith('killed')).length} runs killed mid-way:\n      ${outcomes.join('\n      ')}`);
    expect(failures, failures.join('\n')).to.deep.equal([]);
    expect(interrupted, 'runs really interrupted').to.equal(KILLS);
  });
});
