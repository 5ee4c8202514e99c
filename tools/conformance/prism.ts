import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { spawnTracked, stopTracked } from './child-processes.js';
import { freePort } from './free-port.js';

export interface PrismServer {
  /** `http://127.0.0.1:PORT`: Prism serves the spec's paths at the root, without the servers' base path. */
  url: string;
  port: number;
  /** Milliseconds from spawn until Prism answered its first HTTP request. */
  startupMs: number;
  /** File holding Prism's stdout and stderr. */
  logFile: string;
  stop(): Promise<void>;
}

export interface StartPrismInput {
  spec: string;
  logFile: string;
  /** How long Prism may take to load the spec before the start is given up (Stripe's 4 MB spec takes minutes). */
  startupTimeoutMs: number;
}

/** The path of the prism-cli bin script from the installed dev dependency. */
export function prismBin(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@stoplight/prism-cli/package.json');
  const manifest = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { bin: Record<string, string> | string };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.prism;
  return path.join(path.dirname(packageJson), bin);
}

/** Whether prism-cli is installed; a string says why not. */
export function prismAvailable(): true | string {
  try {
    prismBin();
    return true;
  } catch {
    return '@stoplight/prism-cli is not installed: npm install --no-audit --no-fund -D @stoplight/prism-cli@5.14.2';
  }
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 1000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

function tail(file: string, chars = 2000): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.slice(-chars);
  } catch {
    return '';
  }
}

/**
 * Starts `prism mock -h 127.0.0.1 -p PORT --errors SPEC` on a free port and resolves once it
 * answers HTTP. The process (group) is stopped on stop(), on a failed start and when the harness exits.
 */
export async function startPrism(input: StartPrismInput): Promise<PrismServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  fs.mkdirSync(path.dirname(input.logFile), { recursive: true });
  const log = fs.openSync(input.logFile, 'w');
  const started = Date.now();
  const child = spawnTracked(
    process.execPath,
    [prismBin(), 'mock', '-h', '127.0.0.1', '-p', String(port), '--errors', input.spec],
    { stdio: ['ignore', log, log], env: { ...process.env, SCARF_ANALYTICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' } },
  );
  fs.closeSync(log);
  const stop = () => stopTracked(child);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  try {
    for (;;) {
      if (exited) throw new Error(`Prism exited before it listened on ${url}. Its log ends:\n${tail(input.logFile)}`);
      if (Date.now() - started > input.startupTimeoutMs) {
        throw new Error(`Prism did not answer on ${url} within ${input.startupTimeoutMs} ms. Its log ends:\n${tail(input.logFile)}`);
      }
      if (await answers(`${url}/`)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, startupMs: Date.now() - started, logFile: input.logFile, stop };
}
