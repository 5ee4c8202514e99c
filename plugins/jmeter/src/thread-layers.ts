import type { LoadStage } from 'perfplan/plugin';

/**
 * One core JMeter Thread Group of a staged load shape: `threads` users started over `rampUp`
 * seconds after `delay` seconds, all stopping `duration` seconds after the delay.
 */
export interface ThreadLayer {
  threads: number;
  delay: number;
  rampUp: number;
  duration: number;
}

interface OpenLayer {
  threads: number;
  start: number;
  ramp: number;
  end?: number;
}

/**
 * A piecewise-linear user curve as stacked thread groups (core JMeter has no stepping thread
 * group): every rise starts a group of the added users ramped over the stage; every fall ends
 * the newest users (last in, first out) halfway through the falling stage, splitting a group
 * when only part of it stops. The groups' sum follows the stages.
 */
export function threadLayers(stages: readonly LoadStage[]): ThreadLayer[] {
  const open: OpenLayer[] = [];
  const closed: OpenLayer[] = [];
  let time = 0;
  let users = 0;
  for (const stage of stages) {
    const duration = Math.max(0, Math.round(stage.durationSeconds));
    const target = Math.max(0, Math.round(stage.target));
    if (target > users) open.push({ threads: target - users, start: time, ramp: duration });
    if (target < users) {
      let remove = users - target;
      const end = time + Math.round(duration / 2);
      while (remove > 0 && open.length > 0) {
        const top = open[open.length - 1]!;
        if (top.threads <= remove) {
          open.pop();
          closed.push({ ...top, end });
          remove -= top.threads;
        } else {
          closed.push({ ...top, threads: remove, end });
          top.threads -= remove;
          remove = 0;
        }
      }
    }
    time += duration;
    users = target;
  }
  for (const layer of open) closed.push({ ...layer, end: time });
  return closed
    .map((layer, index) => ({ layer, index }))
    .sort((left, right) => left.layer.start - right.layer.start || right.layer.end! - left.layer.end! || left.index - right.index)
    .map(({ layer }) => ({ threads: layer.threads, delay: layer.start, rampUp: layer.ramp, duration: Math.max(1, layer.end! - layer.start) }));
}
