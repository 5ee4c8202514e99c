import { capacityRps, kneeUsers, type ServerMode } from './server-modes.js';
import { failedNames, type RunVerdict } from './verdict.js';

/** How far a stress run's capacity estimate may be from the server's real capacity. */
export const CAPACITY_TOLERANCE = 0.25;

/** What the suite expects of a run, in words (the table's "expected" column). */
export function expectedText(verdict: Pick<RunVerdict, 'mode' | 'type'>): string {
  const recovery = verdict.type === 'stress' ? 'recovery.' : '';
  switch (verdict.mode) {
    case 'healthy':
      return 'exit 0, every criterion passes';
    case 'slow':
      return `fails, naming ${recovery}p95`;
    case 'erroring':
      return `fails, naming ${recovery}errorRate`;
    case 'capacity':
      return `breaking point reported, capacity within ±${CAPACITY_TOLERANCE * 100} %, recovery judged`;
  }
}

function within(measured: number | undefined, real: number): boolean {
  return measured !== undefined && Number.isFinite(measured) && Math.abs(measured - real) <= CAPACITY_TOLERANCE * real;
}

/**
 * What is wrong with a run's verdict, given the server's mode (empty: as expected). Healthy:
 * exit 0 and no failed criterion. Slow or erroring: a non-zero exit naming p95 or the error rate
 * (stress: of its recovery). Capacity-limited stress: a breaking point, a capacity estimate within
 * the tolerance of the real one (in requests/s and in users at the knee), and its recovery judged.
 */
export function unexpected(verdict: RunVerdict, mode: ServerMode, stressThinkSeconds: number): string[] {
  const problems: string[] = [];
  const names = failedNames(verdict);
  if (verdict.runProblems.length > 0) problems.push(`the run itself failed: ${verdict.runProblems.join('; ')}`);
  if (verdict.served === 0) problems.push('the reference server received no request');
  if (verdict.judged === 0) problems.push('no criterion was judged');
  const recovery = verdict.type === 'stress' ? 'recovery.' : '';
  switch (mode.kind) {
    case 'healthy':
      if (verdict.exitCode !== 0) problems.push(`exit ${String(verdict.exitCode)}, expected 0`);
      if (names.length > 0) problems.push(`failed ${names.join(', ')}: ${verdict.failed.map((entry) => `${entry.testCase} ${entry.detail}`).join('; ')}`);
      break;
    case 'slow':
    case 'erroring': {
      const wanted = `${recovery}${mode.kind === 'slow' ? 'p95' : 'errorRate'}`;
      if (verdict.exitCode === 0 || verdict.exitCode === null) problems.push(`exit ${String(verdict.exitCode)}, expected a failure`);
      if (!names.includes(wanted)) problems.push(`failed [${names.join(', ')}], expected ${wanted} among them`);
      break;
    }
    case 'capacity': {
      const stress = verdict.stress;
      if (!stress) {
        problems.push('no breaking point or capacity reported');
        break;
      }
      const realRps = capacityRps(mode);
      const realUsers = kneeUsers(mode, stressThinkSeconds);
      if (stress.breakingUsers === undefined) problems.push(`no breaking point reported: ${stress.breakingText}`);
      if (!within(stress.capacityRps, realRps)) problems.push(`capacity ${String(stress.capacityRps)} requests/s, expected ${realRps} ± ${CAPACITY_TOLERANCE * 100} %`);
      if (!within(stress.capacityUsers, realUsers)) problems.push(`capacity ${String(stress.capacityUsers)} users, expected ${realUsers} ± ${CAPACITY_TOLERANCE * 100} % (the knee)`);
      if (!stress.recoveryJudged) problems.push('recovery was not judged');
      else if (!stress.recoveryPassed || verdict.exitCode !== 0) problems.push(`recovery failed (exit ${String(verdict.exitCode)}): ${verdict.failed.map((entry) => entry.detail).join('; ')}`);
      break;
    }
  }
  return problems;
}
