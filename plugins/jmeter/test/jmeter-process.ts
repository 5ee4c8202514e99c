import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../test/helpers/paths.js';

/** JMeter home installed by scripts/install-jmeter.sh (or JMETER_HOME). */
export const JMETER_HOME = process.env.JMETER_HOME ?? path.join(PROJECT_ROOT, '.tools', 'jmeter');

export function jmeterInstalled(): boolean {
  return fs.existsSync(path.join(JMETER_HOME, 'bin', 'ApacheJMeter.jar'));
}

/** Call in a before() hook: skips with a clear message when JMeter is not installed. */
export function skipUnlessJmeter(context: Mocha.Context): void {
  if (!jmeterInstalled()) {
    console.log(`    (JMeter not found at ${JMETER_HOME}: run bash scripts/install-jmeter.sh; skipped)`);
    context.skip();
  }
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Runs a .jmx headless with -J properties; returns the CSV JTL's text and JMeter's log. */
export async function runJmeter(input: { jmx: string; properties: Record<string, string>; workDir: string }): Promise<{ jtl: string; log: string; output: string }> {
  const jtl = path.join(input.workDir, `${path.basename(input.jmx, '.jmx')}.jtl`);
  const log = path.join(input.workDir, `${path.basename(input.jmx, '.jmx')}.log`);
  fs.rmSync(jtl, { force: true });
  const args = ['-jar', path.join(JMETER_HOME, 'bin', 'ApacheJMeter.jar'), '-n', '-t', input.jmx, '-l', jtl, '-j', log];
  const properties = { 'jmeter.save.saveservice.output_format': 'csv', 'jmeter.save.saveservice.print_field_names': 'true', ...input.properties };
  for (const [name, value] of Object.entries(properties)) args.push(`-J${name}=${value}`);
  const { code, output } = await run('java', args, input.workDir);
  if (!fs.existsSync(jtl)) throw new Error(`JMeter wrote no results (exit ${String(code)}): ${output}`);
  return { jtl: fs.readFileSync(jtl, 'utf8'), log: fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '', output };
}

/** Loads .jmx files with JMeter's SaveService (as the GUI opens them); returns one line per file, OK or FAIL. */
export async function loadWithSaveService(files: readonly string[]): Promise<{ code: number | null; output: string }> {
  const classpath = [path.join(JMETER_HOME, 'lib', '*'), path.join(JMETER_HOME, 'lib', 'ext', '*')].join(path.delimiter);
  const source = path.join(PROJECT_ROOT, 'plugins', 'jmeter', 'test', 'LoadJmx.java');
  return run('java', ['-cp', classpath, source, JMETER_HOME, ...files], PROJECT_ROOT);
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A loopback HTTP server that records every request and answers `answer(request)` (default 200 `{}`). */
export async function recordingServer(answer?: (request: RecordedRequest) => { status: number; body?: string; delayMs?: number }): Promise<{ baseUrl: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const reply = answer ? answer(recorded) : { status: 200 };
      setTimeout(() => {
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(reply.body ?? '{}');
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
