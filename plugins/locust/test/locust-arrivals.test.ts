import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { hostilePlan } from './fixture-plan.js';
import { renderLocust, runPython, writeFiles } from './render-locust.js';

// The open model's arrival schedule (perfplan_schedule.Arrivals) under plain python3, handed out
// the way perfplan_locust does it: each arrival, at its time, to a user waiting for one (spawned
// and not busy), else dropped. 8 users carry 13.333 requests/s over a 1 s ramp-up, a 4 s hold and
// a 0.5 s ramp-down (a load test case at time scale 0.25).
const PROGRAM = `
import json, sys
sys.path.insert(0, sys.argv[1])
import perfplan_schedule as sc

STAGES = [[1.0, 8, "ramp-up"], [4.0, 8, "hold"], [0.5, 0, "ramp-down"]]

def times():
    schedule = sc.Arrivals(STAGES, 13.333, 8)
    found = []
    while True:
        at = schedule.time_of(len(found) + 1)
        if at is None:
            return found
        found.append(at)

def run(spawned, response):
    """Users waiting from their spawn times, each request taking response seconds: the requests' starts, and the arrivals dropped."""
    free = list(spawned)
    starts, dropped = [], 0
    for at in times():
        waiting = [index for index, since in enumerate(free) if since <= at]
        if not waiting:
            dropped += 1
            continue
        starts.append(at)
        free[waiting[0]] = at + response
    return starts, dropped

def hold(starts):
    return len([at for at in starts if 1.0 <= at < 5.0])

all_times = times()
together, _ = run([0.0] * 8, 0.05)
late, late_dropped = run([0.6 + 0.1 * index for index in range(8)], 0.05)
slow, dropped = run([0.0] * 8, 1.0)
print(json.dumps({
    "total": len(all_times), "first": all_times[0], "last": all_times[-1],
    "gaps": [round(b - a, 6) for a, b in zip(all_times[20:30], all_times[21:31])],
    "togetherHold": hold(together), "together": len(together),
    "lateHold": hold(late), "lateDropped": late_dropped,
    "slowHold": hold(slow), "slowDropped": dropped, "slowStarts": slow,
}))
`;

describe('locust open model: one arrival schedule shared by a test case\'s users (perfplan_schedule.Arrivals, python3)', function () {
  this.timeout(60000);
  let out: Record<string, any>;

  before(async () => {
    const dir = writeFiles((await renderLocust(hostilePlan())).files, 'perfplan-locust-arrivals-');
    try {
      out = JSON.parse(runPython(PROGRAM, [path.join(dir, 'locust')]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('offers the area under the rate: 13.333 × (0.5 + 4 + 0.25) = 63 arrivals, the first once the ramp has given one', () => {
    expect(out.total).to.equal(63);
    // The ramp from 0 to 13.333 requests/s over 1 s gives its first arrival at sqrt(2 / 13.333) s.
    expect(out.first).to.be.closeTo(Math.sqrt(2 / 13.333), 1e-6);
    expect(out.last).to.be.lessThan(5.5);
    // In the hold, one every 1 / 13.333 s.
    for (const gap of out.gaps as number[]) expect(gap).to.be.closeTo(0.075, 1e-4);
  });

  it('starts 53 requests in the 4 s hold (13.333 requests/s) whenever the users were spawned, before or during the ramp-up', () => {
    // Each user pacing itself (constant_pacing), users spawned together start in step: 8 users × 6 or 7 = 48 or 56.
    expect(out.togetherHold).to.be.within(53, 54);
    expect(out.together).to.equal(63);
    // Users spawned late (a Locust shape ticks once a second) only miss arrivals of the ramp-up.
    expect(out.lateHold).to.be.within(53, 54);
    expect(out.lateDropped).to.be.within(1, 5);
  });

  it('drops the arrivals no user is free for against a slow server: 8 users of 1 s give at most 8 requests/s, and no burst follows', () => {
    expect(out.slowHold).to.be.within(29, 32);
    expect(out.slowDropped).to.be.greaterThan(20);
    const starts = out.slowStarts as number[];
    // Never more than 8 requests started in any second: the pool bounds what the users send.
    for (const at of starts) expect(starts.filter((other) => other >= at && other < at + 1).length).to.be.at.most(8);
  });
});
