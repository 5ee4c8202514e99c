// Test support for the k6 TEST DOUBLE's load mode: a tiny HTTP server on 127.0.0.1 and a way to
// run a script through the double in a child process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/**
 * GET /fast → 200 at once; /slow/<ms> → 200 after <ms> real milliseconds; /status/<code> → that
 * status. Bodies are a little JSON.
 */
export async function startTestServer(): Promise<TestServer> {
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    const answer = (status: number): void => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ path: url }));
    };
    const slow = /^\/slow\/(\d+)/.exec(url);
    const status = /^\/status\/(\d{3})/.exec(url);
    if (slow !== null) setTimeout(() => answer(200), Number(slow[1]));
    else if (status !== null) answer(Number(status[1]));
    else answer(200);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface DoubleRun {
  status: number | null;
  stdout: string;
  stderr: string;
  dir: string;
  /** Reads a JSON file the run wrote in its folder. */
  json<T = Record<string, unknown>>(name: string): T;
}

const DOUBLE_BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run-k6-double.js');

/** Writes `script` to a fresh folder and runs `run-k6-double.js run ARGS script.js` there (asynchronously: the server answering it runs in this process). */
export async function runDouble(script: string, args: string[], env: Record<string, string> = {}): Promise<DoubleRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-k6-double-'));
  fs.writeFileSync(path.join(dir, 'script.js'), script);
  const argv = [DOUBLE_BIN, 'run'];
  for (const [name, value] of Object.entries(env)) argv.push('-e', `${name}=${value}`);
  argv.push(...args, 'script.js');
  const child = spawn(process.execPath, argv, { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  const status = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  clearTimeout(timer);
  return {
    status,
    stdout,
    stderr,
    dir,
    json: <T>(name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as T,
  };
}

export interface SummaryMetric {
  type: string;
  contains: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

export interface Summary {
  metrics: Record<string, SummaryMetric>;
  root_group: { groups: { name: string; checks: { name: string; passes: number; fails: number }[] }[] };
  state: { testRunDurationMs: number };
  options: { summaryTrendStats: string[] };
  setup_data?: unknown;
}

/** A handleSummary that writes the data as summary.json and prints a marker on stdout. */
export const WRITE_SUMMARY = `
export function handleSummary(data) {
  return { 'summary.json': JSON.stringify(data), stdout: 'handleSummary called\\n' };
}
`;
