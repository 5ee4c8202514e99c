import path from 'node:path';
import { expect } from 'chai';
import { mergeFlags, parseDurationSeconds, resolveConfig, type ResolvedConfig } from '../../src/config/index.js';
import { caught } from './temp-dir.js';

const ROOT = path.resolve('/project/config');
const CWD = path.resolve('/shell/here');

function base(): ResolvedConfig {
  return resolveConfig({
    config: {
      spec: 'api.yaml',
      output: 'out',
      baseUrl: 'https://config.example',
      engines: ['k6'],
      include: ['tag:pets'],
      types: ['load'],
      profiles: { standard: { virtualUsers: 5 } },
    },
    rootDir: ROOT,
    configFile: path.join(ROOT, '.perfplanrc.json'),
  });
}

describe('mergeFlags', () => {
  it('leaves the config alone when no flags are given', () => {
    expect(mergeFlags(base(), { cwd: CWD })).to.deep.equal(base());
  });

  it('lets flags win, resolving flag paths against the shell folder, not the config folder', () => {
    const merged = mergeFlags(base(), {
      cwd: CWD,
      spec: 'other.yaml',
      output: '../gen',
      baseUrl: 'http://localhost:8080',
      engines: ['jmeter,locust', 'k6'],
      include: ['GET /pets/*'],
      exclude: ['deletePet'],
      types: ['stress,spike'],
    });
    expect(merged.spec).to.equal(path.join(CWD, 'other.yaml'));
    expect(merged.output).to.equal(path.resolve(CWD, '../gen'));
    expect(merged.baseUrl).to.equal('http://localhost:8080');
    expect(merged.engines).to.deep.equal(['jmeter', 'locust', 'k6']);
    expect(merged.include).to.deep.equal(['GET /pets/*']);
    expect(merged.exclude).to.deep.equal(['deletePet']);
    expect(merged.types).to.deep.equal(['stress', 'spike']);
    expect(merged.profiles).to.deep.equal({ standard: { virtualUsers: 5 } });
  });

  it('records --users and --duration as overrides, not as profile edits', () => {
    const merged = mergeFlags(base(), { cwd: CWD, users: 40, duration: '5m' });
    expect(merged.overrides).to.deep.equal({ virtualUsers: 40, durationSeconds: 300 });
    expect(merged.profiles.standard).to.deep.equal({ virtualUsers: 5 });
    expect(base().overrides, 'the input is not mutated').to.deep.equal({});
  });

  it('rejects bad flag values with config/invalid-flag and exit 2', async () => {
    const cases: Array<[Parameters<typeof mergeFlags>[1], string]> = [
      [{ users: 0 }, '--users: expected an integer >= 1, got number 0'],
      [{ users: 2.5 }, '--users'],
      [{ duration: 'soon' }, '--duration: expected a positive duration, got string "soon"'],
      [{ types: ['load', 'smoke'] }, '--types: unknown test type "smoke"'],
      [{ baseUrl: 'localhost' }, '--base-url'],
    ];
    for (const [flags, message] of cases) {
      const error = await caught(() => mergeFlags(base(), flags));
      expect(error.code).to.equal('config/invalid-flag');
      expect(error.exitCode).to.equal(2);
      expect(error.message).to.contain(message);
    }
  });
});

describe('parseDurationSeconds', () => {
  it('reads seconds and h/m/s units', () => {
    expect(parseDurationSeconds(90)).to.equal(90);
    expect(parseDurationSeconds('90')).to.equal(90);
    expect(parseDurationSeconds('90s')).to.equal(90);
    expect(parseDurationSeconds('5m')).to.equal(300);
    expect(parseDurationSeconds('1h30m')).to.equal(5400);
    expect(parseDurationSeconds('0')).to.equal(undefined);
    expect(parseDurationSeconds('-5')).to.equal(undefined);
    expect(parseDurationSeconds('5 minutes')).to.equal(undefined);
  });
});
