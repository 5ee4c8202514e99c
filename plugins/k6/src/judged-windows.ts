import type { TestCase, TimeWindow } from 'perfplan/plugin';
import { profileStages } from './load-shape.js';

/**
 * A part of a test case's run whose requests a threshold judges: requests started in
 * [from, to) seconds after the scenario started (planned seconds; phaseTags scales them) carry
 * the tag `tag:name`. Each kind of window has its own tag key, since windows of different
 * kinds overlap (a soak's first window lies inside its hold).
 */
export interface JudgedWindow {
  tag: 'throughput' | 'latency' | 'phase' | 'window' | 'step';
  name: string;
  from: number;
  to: number;
}

/** A tag value k6 parses in a threshold's `{key:value}`: letters, digits, `_` and `-` only. */
function tagValue(text: string | undefined, fallback: string): string {
  const cleaned = (text ?? '').trim().replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return cleaned === '' ? fallback : cleaned.slice(0, 40);
}

/** Named after the stage the window starts in (`hold`, `baseline`, `recovery`). */
function stageNameAt(testCase: TestCase, seconds: number): string | undefined {
  let at = 0;
  for (const stage of profileStages(testCase.profile)) {
    const end = at + Math.max(0, stage.durationSeconds);
    if (seconds >= at && seconds < end) return stage.label;
    at = end;
  }
  return undefined;
}

function usable(window: TimeWindow | undefined): window is TimeWindow {
  return window !== undefined && Number.isFinite(window.fromSeconds) && Number.isFinite(window.toSeconds) && window.toSeconds > window.fromSeconds;
}

function judged(tag: JudgedWindow['tag'], name: string, window: TimeWindow): JudgedWindow {
  return { tag, name, from: Math.max(0, window.fromSeconds), to: window.toSeconds };
}

/** Every window the test case's criteria judge, and for stress each hold step (for the breaking point). */
export function judgedWindows(testCase: TestCase): JudgedWindow[] {
  const windows: JudgedWindow[] = [];
  const { criteria } = testCase;
  if (criteria.minThroughputRps > 0 && usable(criteria.throughputWindow)) {
    windows.push(judged('throughput', tagValue(stageNameAt(testCase, criteria.throughputWindow.fromSeconds), 'window'), criteria.throughputWindow));
  }
  if (usable(criteria.latencyWindow)) {
    windows.push(judged('latency', tagValue(stageNameAt(testCase, criteria.latencyWindow.fromSeconds), 'window'), criteria.latencyWindow));
  }
  if (testCase.type === 'spike' && testCase.spike) {
    if (usable(testCase.spike.spikeWindow)) windows.push(judged('phase', 'spike', testCase.spike.spikeWindow));
    if (usable(testCase.spike.recoveredWindow)) windows.push(judged('phase', 'recovered', testCase.spike.recoveredWindow));
  }
  if (testCase.type === 'soak' && testCase.soak) {
    if (usable(testCase.soak.firstWindow)) windows.push(judged('window', 'first', testCase.soak.firstWindow));
    if (usable(testCase.soak.lastWindow)) windows.push(judged('window', 'last', testCase.soak.lastWindow));
  }
  if (testCase.type === 'stress') {
    let at = 0;
    for (const stage of profileStages(testCase.profile)) {
      const end = at + Math.max(0, stage.durationSeconds);
      const step = /^hold step (\d+)$/.exec(stage.label ?? '');
      if (step !== null && end > at) windows.push({ tag: 'step', name: String(Number(step[1])), from: at, to: end });
      at = end;
    }
  }
  return windows;
}

/** The window of a kind (the first one), if the test case has it. */
export function windowOf(windows: readonly JudgedWindow[], tag: JudgedWindow['tag'], name?: string): JudgedWindow | undefined {
  return windows.find((window) => window.tag === tag && (name === undefined || window.name === name));
}
