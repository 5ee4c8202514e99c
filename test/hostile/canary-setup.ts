import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { announceMissing, hostilePipeline, writeFiles, type HostilePipeline } from '../helpers/hostile-pipeline.js';
import { hostileSpec } from '../helpers/hostile-spec.js';
import { breakouts, canaryCode } from '../helpers/hostile-strings.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

export const LOCUST = path.join(PROJECT_ROOT, '.tools', 'locust-venv', 'bin', 'locust');
export const JMETER_JAR = path.join(PROJECT_ROOT, '.tools', 'jmeter', 'bin', 'ApacheJMeter.jar');
/** Nothing listens there: requests fail fast, the scripts still run every code path they load. */
export const DEAD_URL = 'http://127.0.0.1:9';

/** Every spec string is a break-out around code that creates `canary` (JS, Python and JMeter flavours). */
export function canarySpecs(canary: string, count: number): unknown[] {
  const code = canaryCode(canary);
  const payloads = [...breakouts(code.js), ...breakouts(code.python), ...breakouts(code.jmeter)];
  return fc.sample(hostileSpec(fc.constantFrom(...payloads)), { seed: 5150, numRuns: count });
}

/** A dummy value for every variable the plan asks for (credentials), BASE_URL pointing nowhere. */
export function planEnvironment(outDir: string): Record<string, string> {
  const planFile = JSON.parse(fs.readFileSync(path.join(outDir, 'plan.json'), 'utf8')) as { plan: { environment: Array<{ name: string }> } };
  return Object.fromEntries([...planFile.plan.environment.map((variable) => [variable.name, 'x']), ['BASE_URL', DEAD_URL]]);
}

export function runWithOutput(command: string, args: string[], cwd: string, timeoutMs: number, env: Record<string, string> = {}): { note: string; output: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', JAVA_HOME: process.env.JAVA_HOME ?? '', ...env },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  return { note: `exit ${String(result.status)}${result.signal ? ` (${result.signal})` : ''}: ${(result.stderr ?? '').slice(-400)}`, output };
}

/**
 * The same spec with header and cookie names and values made HTTP-valid. The k6 test double's
 * HTTP worker (test/k6-double/http-worker.ts) hangs for good when Node refuses a header
 * (`client.request` throws ERR_INVALID_HTTP_TOKEN / ERR_INVALID_CHAR inside the promise and
 * the waiting VU is never answered), so the k6 smoke uses this form: every other string still
 * carries the canary. Remove once the double answers such requests with an error.
 */
export function withHttpSafeHeaders(spec: unknown): unknown {
  const copy = structuredClone(spec);
  let n = 0;
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if ((object.in === 'header' || object.in === 'cookie') && typeof object.name === 'string') {
      object.name = `X-Safe-${n++}`;
      if ('example' in object) object.example = 'safe';
      const schema = object.schema as Record<string, unknown> | undefined;
      if (schema) for (const key of ['example', 'default', 'enum']) delete schema[key];
    }
    for (const value of Object.values(object)) visit(value);
  };
  visit(copy);
  return copy;
}

export function run(command: string, args: string[], cwd: string, timeoutMs: number, env: Record<string, string> = {}): string {
  return runWithOutput(command, args, cwd, timeoutMs, env).note;
}

export interface CanaryOutputs {
  host: HostilePipeline;
  canary: string;
  outDirs: string[];
  k6OutDirs: string[];
}

/** Three canary specs generated twice: as they are, and with HTTP-safe headers for the k6 double. */
export async function generateCanaryOutputs(base: string): Promise<CanaryOutputs> {
  const host = await hostilePipeline();
  announceMissing(host.missing);
  const canary = path.join(base, 'CANARY');
  const outDirs: string[] = [];
  const k6OutDirs: string[] = [];
  for (const [index, spec] of canarySpecs(canary, 3).entries()) {
    for (const [list, name, document] of [[outDirs, `out-${index}`, spec], [k6OutDirs, `k6-out-${index}`, withHttpSafeHeaders(spec)]] as const) {
      const { files } = await host.pipeline.generate({ specFile: `canary-${index}.json`, document });
      const outDir = path.join(base, name);
      writeFiles(outDir, files);
      list.push(outDir);
    }
  }
  return { host, canary, outDirs, k6OutDirs };
}
