import type { TimeWindow } from '../model/index.js';
import type { Sample } from './samples.js';

/** Where a test case sits in the results: its start (epoch ms) and the time scale of the run. */
export interface CaseClock {
  startMs: number;
  timeScale: number;
}

/** The requests started in a window ([from, to) in plan seconds from the test case's start, scaled). */
export function startedIn(samples: readonly Sample[], clock: CaseClock, window: TimeWindow): Sample[] {
  const from = clock.startMs + window.fromSeconds * clock.timeScale * 1000;
  const to = clock.startMs + window.toSeconds * clock.timeScale * 1000;
  return samples.filter((sample) => sample.startMs >= from && sample.startMs < to);
}

/** The window's length in seconds of the run. */
export function scaledLength(window: TimeWindow, clock: CaseClock): number {
  return Math.max(0, window.toSeconds - window.fromSeconds) * clock.timeScale;
}

function seconds(value: number): string {
  return `${Math.round(value * 1000) / 1000}`;
}

/** `30–90 s`, and what that is at the run's time scale when it is not 1. */
export function windowText(window: TimeWindow, clock: CaseClock): string {
  const planned = `${seconds(window.fromSeconds)}–${seconds(window.toSeconds)} s`;
  if (clock.timeScale === 1) return planned;
  return `${planned}, ${seconds(window.fromSeconds * clock.timeScale)}–${seconds(window.toSeconds * clock.timeScale)} s at time scale ${clock.timeScale}`;
}
