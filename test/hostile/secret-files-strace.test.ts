import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN_RUN } from '../helpers/paths.js';
import { assertSecretFixture, SECRET_REFS_DIR, SECRET_REFS_OAS3 } from '../helpers/secret-refs-fixture.js';
import { tempDirs } from '../render/temp-dir.js';

const STRACE = '/usr/bin/strace';

interface Traced {
  /** Every path given to open()/openat() (successful or not), made absolute. */
  opened: string[];
  /** The connect() and socket() calls, as strace printed them. */
  network: string[];
}

/**
 * glibc's getpwuid() (Node's os.homedir() without HOME, or os.userInfo()) asks the local name-service cache daemon
 * over a Unix socket. That is a lookup on this machine, not a connection anywhere; every other socket is a finding.
 */
function isNameServiceLookup(line: string): boolean {
  return /\bsocket\(AF_UNIX,/.test(line) || /\bconnect\(\d+, \{sa_family=AF_UNIX, sun_path="\/var\/run\/nscd\/socket"\}/.test(line);
}

/** Reads an `strace -f -o` log. Paths are relative to the cwd for AT_FDCWD; other dirfds are not used by Node for these files. */
function parseTrace(log: string, cwd: string): Traced {
  const traced: Traced = { opened: [], network: [] };
  for (const line of log.split('\n')) {
    const open = /\b(?:open|openat)\((?:AT_FDCWD, |\d+, )?"((?:[^"\\]|\\.)*)"/.exec(line);
    if (open) traced.opened.push(path.resolve(cwd, open[1]));
    if (/\b(?:connect|socket)\(/.test(line) && !isNameServiceLookup(line)) traced.network.push(line);
  }
  return traced;
}

describe('hostile specs: perfplan generate under strace opens only the spec documents and no socket', function () {
  this.timeout(60_000);
  const temp = tempDirs('strace');
  after(() => temp.cleanup());

  it('opens the root spec and the two referenced documents of the fixture folder, nothing else there (no dot-file), and connects nowhere', function () {
    if (!fs.existsSync(STRACE)) {
      console.log(`    (${STRACE} not installed: skipped)`);
      this.skip();
    }
    assertSecretFixture();
    const dir = temp.make();
    const log = path.join(dir, 'strace.log');
    // socket() is traced too: only the Unix socket of a name-service lookup is expected; any other socket is a finding.
    const run = spawnSync(STRACE, ['-f', '-qq', '-e', 'trace=open,openat,connect,socket', '-o', log, process.execPath, BIN_RUN, 'generate', SECRET_REFS_OAS3, '-o', path.join(dir, 'out')], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 50_000,
      env: { ...process.env, PERFPLAN_DEBUG: '' },
    });
    const logText = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
    if (!/\bopen(?:at)?\(/.test(logText)) {
      console.log(`    (strace cannot trace here: ${run.stderr.trim().split('\n')[0]}; skipped)`);
      this.skip();
    }
    expect(run.status, run.stderr).to.equal(0);
    const traced = parseTrace(logText, dir);
    const folders = [SECRET_REFS_DIR, fs.realpathSync(SECRET_REFS_DIR)];
    const inFixture = [
      ...new Set(
        traced.opened.flatMap((file) => {
          const folder = folders.find((candidate) => file.startsWith(`${candidate}${path.sep}`));
          return folder === undefined ? [] : [path.relative(folder, file)];
        }),
      ),
    ].sort();
    console.log(`    ${traced.opened.length} opens traced; in the fixture folder: ${inFixture.join(', ')}`);
    expect(inFixture.filter((file) => file.split(path.sep).some((segment) => segment.startsWith('.'))), 'dot-files opened').to.deep.equal([]);
    expect(inFixture).to.deep.equal([path.join('components', 'safe.yaml'), path.join('examples', 'token-example.yaml'), 'openapi.yaml']);
    expect(traced.network, 'sockets made or connected').to.deep.equal([]);
  });
});
