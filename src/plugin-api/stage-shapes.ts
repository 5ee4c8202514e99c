import type { LoadStage } from '../model/index.js';

/** What the stress shape is made of. */
export interface StressShape {
  /** The baseline: the users of the first step at least, and of the recovery. */
  virtualUsers: number;
  maxUsers: number;
  /** Load levels between the baseline and maxUsers. */
  steps: number;
  /** Seconds the steps take together. */
  durationSeconds: number;
  recoverySeconds: number;
  rampDownSeconds: number;
}

/**
 * Equal steps from the baseline to maxUsers filling the duration (`ramp to step N`, `hold step N`:
 * perfplan evaluate finds the breaking point in the hold steps), then back to the baseline to
 * judge recovery (`recovery`).
 */
export function stressStages(options: StressShape): LoadStage[] {
  const steps = Math.max(1, Math.round(options.steps));
  const stepSeconds = Math.max(2, Math.floor(options.durationSeconds / steps));
  const rampSeconds = Math.max(1, Math.round(stepSeconds / 4));
  const stages: LoadStage[] = [];
  for (let step = 1; step <= steps; step++) {
    const target = Math.max(options.virtualUsers, Math.round((options.maxUsers * step) / steps));
    stages.push({ durationSeconds: rampSeconds, target, label: `ramp to step ${step}` });
    stages.push({ durationSeconds: stepSeconds - rampSeconds, target, label: `hold step ${step}` });
  }
  stages.push({ durationSeconds: 1, target: options.virtualUsers, label: 'drop to baseline' });
  stages.push({ durationSeconds: options.recoverySeconds, target: options.virtualUsers, label: 'recovery' });
  if (options.rampDownSeconds > 0) stages.push({ durationSeconds: options.rampDownSeconds, target: 0, label: 'ramp-down' });
  return stages;
}

/** The reference spike goes from 10 to 50 users: five times the baseline, whatever the baseline. */
export const SPIKE_FACTOR = 5;

/** What the spike shape is made of. */
export interface SpikeShape {
  /** The baseline users. */
  virtualUsers: number;
  /** Users at the spike; default SPIKE_FACTOR × virtualUsers. */
  spikeUsers?: number;
  rampUpSeconds: number;
  baselineSeconds: number;
  /** How long the spike holds; default durationSeconds. */
  spikeSeconds?: number;
  durationSeconds: number;
  recoverySeconds: number;
  rampDownSeconds: number;
}

/** The users at the spike: spikeUsers, else SPIKE_FACTOR × the baseline, and always above the baseline. */
export function spikeUsersOf(options: Pick<SpikeShape, 'virtualUsers' | 'spikeUsers'>): number {
  return Math.max(options.virtualUsers + 1, Math.round(options.spikeUsers ?? options.virtualUsers * SPIKE_FACTOR));
}

/** Ramp to the baseline, hold it, jump to the spike in 1 s and hold it, drop back, recover, ramp down (labels `baseline`, `spike`, `hold spike`, `recovery`). */
export function spikeStages(options: SpikeShape): LoadStage[] {
  const spikeUsers = spikeUsersOf(options);
  return [
    { durationSeconds: options.rampUpSeconds, target: options.virtualUsers, label: 'ramp to baseline' },
    { durationSeconds: options.baselineSeconds, target: options.virtualUsers, label: 'baseline' },
    { durationSeconds: 1, target: spikeUsers, label: 'spike' },
    { durationSeconds: options.spikeSeconds ?? options.durationSeconds, target: spikeUsers, label: 'hold spike' },
    { durationSeconds: 1, target: options.virtualUsers, label: 'drop to baseline' },
    { durationSeconds: options.recoverySeconds, target: options.virtualUsers, label: 'recovery' },
    { durationSeconds: options.rampDownSeconds, target: 0, label: 'ramp-down' },
  ].filter((stage) => stage.durationSeconds > 0);
}
