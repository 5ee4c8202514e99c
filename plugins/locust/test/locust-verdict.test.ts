import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { hostilePlan } from './fixture-plan.js';
import { renderLocust, runPython, writeFiles } from './render-locust.js';

// perfplan_schedule.py and perfplan_criteria.py import nothing of Locust: these run them with a
// plain python3 on hand-made test cases and measurements, and compare with expectations worked
// out by hand from the rules (time scale, selection, one case after another, windows,
// breaking point per hold step, capacity, back-off).
const PROGRAM = `
import json, sys
sys.path.insert(0, sys.argv[1])
import perfplan_schedule as sc
import perfplan_criteria as cr
out = {}

def problem(run):
    try:
        run()
        return None
    except sc.StartProblem as error:
        return str(error)

def verdicts(outcomes):
    return [o.as_dict() for o in outcomes]

out["scale"] = [sc.parse_time_scale("0.05", 1), sc.parse_time_scale(None, 0.5), sc.parse_time_scale(" ", 2), sc.parse_time_scale("2", 1)]
out["badScale"] = [problem(lambda v=v: sc.parse_time_scale(v, 1)) for v in ("abc", "0", "-1", "inf", "nan")]
out["badDefault"] = problem(lambda: sc.parse_time_scale(None, 0))

cases = [
    {"id": "stress_system", "type": "stress", "startSeconds": 0, "requiresChosenBaseUrl": True, "stages": [[10, 10, "hold"]]},
    {"id": "stress_getA", "type": "stress", "startSeconds": 0, "onlyByName": True, "requiresChosenBaseUrl": True, "stages": [[10, 10, "hold"]]},
    {"id": "load_a", "type": "load", "startSeconds": 0, "requiresChosenBaseUrl": False, "stages": [[2, 4, "ramp-up"], [6, 4, "hold"], [2, 0, "ramp-down"]]},
    {"id": "load_b", "type": "load", "startSeconds": 10, "requiresChosenBaseUrl": False, "stages": [[4, 8, "ramp-up"], [4, 0, "ramp-down"]]},
]
types = ["load", "stress"]

def ids(result):
    return [[case["id"] for case in result[0]], result[1]]

out["select"] = {
    "stressDefault": ids(sc.select_cases(cases, types, "stress")),
    "loadDefault": ids(sc.select_cases(cases, types, "load")),
    "byId": ids(sc.select_cases(cases, types, "stress", "stress_getA")),
    "byIdAnyType": ids(sc.select_cases(cases, types, "", "load_b")),
    "named": ids(sc.select_cases(cases, types, "", "", ["load_b", "stress_getA"])),
}
out["selectProblems"] = [
    problem(lambda: sc.select_cases(cases, types, "stress", "load_a")),
    problem(lambda: sc.select_cases(cases, types, "load", "nope")),
    problem(lambda: sc.select_cases(cases, types, "soak")),
    problem(lambda: sc.select_cases(cases, types)),
]
out["baseUrl"] = [
    sc.base_url_problem(cases[:2], False, "https://api.example.com"),
    sc.base_url_problem(cases[:2], True, "https://api.example.com"),
    sc.base_url_problem(cases[2:], False, "https://api.example.com"),
    sc.base_url_problem([dict(cases[2], requiresChosenBaseUrl=True)], False, "https://api.example.com/v1"),
]

timeline = sc.Timeline([cases[2], cases[3]], False, 0.5)
out["timeline"] = {
    "starts": [timeline.start_of(0), timeline.start_of(1)],
    "at": [timeline.at(t) for t in (0, 2.5, 4.75, 5, 8.5, 9)],
    "users": [round(timeline.users(0, t), 3) for t in (0, 0.5, 1, 3, 4.5, 6)],
    "ran": [timeline.ran_seconds(1, 3), timeline.ran_seconds(1, 7), timeline.ran_seconds(1, 20)],
}
by_name = sc.Timeline([cases[3], cases[2]], True, 1)
out["byName"] = [by_name.start_of(0), by_name.start_of(1)]

stress = {
    "id": "st", "type": "stress", "startSeconds": 0,
    "stages": [[2, 10, "ramp to step 1"], [8, 10, "hold step 1"], [2, 20, "ramp to step 2"], [8, 20, "hold step 2"], [2, 30, "ramp to step 3"], [8, 30, "hold step 3"],
               [1, 5, "drop to baseline"], [10, 5, "recovery"], [4, 0, "ramp-down"]],
    "breakingPoint": {"p95Ms": 500, "errorRate": 0.1, "throughputDrop": 0.5},
    "recovery": {"users": 5, "durationSeconds": 10, "settleSeconds": 4},
    "criteria": {"p95Ms": 1000, "errorRate": 0.01, "minThroughputRps": 0, "latencyWindow": {"fromSeconds": 35, "toSeconds": 41}},
}
after = {"id": "after", "type": "stress", "startSeconds": 45, "stages": [[4, 2, "hold"]]}
backing = sc.Timeline([stress, after], False, 0.5)
planned_after = backing.start_of(1)
window = backing.back_off(0, 12, stress["recovery"])
out["backOff"] = {
    "plannedAfter": planned_after,
    "window": list(window),
    "stages": backing.entries[0]["stages"][-4:],
    "length": backing.entries[0]["length"],
    "after": backing.start_of(1),
    "users": [round(backing.users(0, t), 3) for t in (11.5, 12.25, 15)],
    "at": backing.at(17.5),
}

series = cr.Series(0.05)
for i in range(40):
    series.add(i * 0.05, 100 + i, i % 10 == 0)
part = series.window(0.5, 1.0)
out["series"] = [part.count, part.failures, part.rate(), series.window(0, 2).count, part.percentile(0.95), part.max_ms, part.mean()]

load = {"id": "c", "type": "load", "stages": [[2, 5, "ramp-up"], [6, 5, "hold"], [2, 0, "ramp-down"]],
        "criteria": {"p95Ms": 200, "errorRate": 0.05, "minThroughputRps": 20, "throughputWindow": {"fromSeconds": 2, "toSeconds": 8}}}
load_series = cr.Series(0.5)
for slot in range(10):
    for _ in range(10):
        load_series.add(slot * 0.5, 300 if slot < 5 else 100, slot == 9)
out["load"] = verdicts(cr.evaluate_case(load, load_series, 0.5, 5))
out["loadCut"] = verdicts(cr.evaluate_case(load, load_series, 0.5, 3))[2]
out["loadShort"] = verdicts(cr.evaluate_case(dict(load, criteria=dict(load["criteria"], minThroughputRps=25)), load_series, 0.5, 5))[2]
out["nothing"] = verdicts(cr.evaluate_case(load, cr.Series(1), 1, 10))

spike = {"id": "s", "type": "spike",
         "stages": [[1, 10, "ramp to baseline"], [4, 10, "baseline"], [1, 50, "spike"], [4, 50, "hold spike"], [1, 10, "drop to baseline"], [8, 10, "recovery"], [1, 0, "ramp-down"]],
         "criteria": {"p95Ms": 1000, "errorRate": 0.05, "minThroughputRps": 0},
         "spike": {"errorRateDuringSpike": 0.2, "recoverySeconds": 2, "spikeWindow": {"fromSeconds": 5, "toSeconds": 10}, "recoveredWindow": {"fromSeconds": 13, "toSeconds": 19}}}
spike_series = cr.Series(1)
for t in range(20):
    for k in range(10):
        during = 5 <= t < 10
        spike_series.add(t, 2000 if during else 50, during and k < 3)
out["spike"] = verdicts(cr.evaluate_case(spike, spike_series, 1, 20))

soak = {"id": "k", "type": "soak", "stages": [[10, 5, "hold"]], "criteria": {"p95Ms": 1000, "errorRate": 0.5, "minThroughputRps": 0},
        "soak": {"windowSeconds": 3, "maxP95Drift": 0.2, "maxErrorRateGrowth": 0.01, "firstWindow": {"fromSeconds": 0, "toSeconds": 3}, "lastWindow": {"fromSeconds": 7, "toSeconds": 10}}}
soak_series = cr.Series(1)
for t in range(10):
    for k in range(10):
        soak_series.add(t, 100 if t < 7 else 130, t >= 7 and k == 0)
out["soak"] = verdicts(cr.evaluate_case(soak, soak_series, 1, 10))[2:]

limits = {"p95Ms": 500, "errorRate": 0.1, "throughputDrop": 0.5}
def step(n, users, rps, p95=100, errors=0.0, count=None):
    return {"label": "hold step %d" % n, "users": users, "from": 0, "to": 1, "count": rps if count is None else count, "p95": p95, "errorRate": errors, "rps": rps}
steps = [step(1, 10, 20), step(2, 20, 36, 200), step(3, 40, 38, 400)]
out["breaking"] = {
    "throughput": cr.breaking_point(steps, limits),
    "p95": cr.breaking_point([steps[0], step(2, 20, 36, 600)], limits)["reason"],
    "errors": cr.breaking_point([step(1, 10, 20, errors=0.25)], limits)["reason"],
    "silent": cr.breaking_point([step(1, 10, 0, count=0)], limits)["reason"],
    "none": cr.breaking_point(steps[:2], limits),
    "capacity": cr.capacity(steps),
}

watched = cr.Series(0.5)
for slot in range(2, 10):
    for _ in range(10):
        watched.add(slot * 0.5, 100, False)
for slot in range(12, 20):
    for _ in range(18):
        watched.add(slot * 0.5, 600, False)
watch = cr.StressWatch(stress, 0.5)
checks = [watch.check(5.2, watched), len(watch.measured), watch.check(5.6, watched), len(watch.measured), watch.check(10.6, watched), len(watch.measured)]
out["watch"] = {"checks": checks, "grace": watch.grace, "steps": [[s["label"], s["users"], s["from"], s["to"]] for s in watch.steps], "breaking": watch.breaking["reason"]}
timeline = sc.Timeline([stress], False, 0.5)
watch.recovery_window = timeline.back_off(0, 10.6, stress["recovery"])
for slot in range(26, 33):
    for _ in range(10):
        watched.add(slot * 0.5, 40, False)
out["watchWindow"] = list(watch.recovery_window)
out["stressBackedOff"] = verdicts(cr.evaluate_case(stress, watched, 0.5, timeline.entries[0]["length"], None, watch))
planned = cr.Series(1)
for t in range(45):
    for _ in range(5 if t < 12 else 10 if t < 22 else 15 if t < 30 else 2):
        planned.add(t, 2000 if 35 <= t < 38 else 100, False)
out["stressPlanned"] = verdicts(cr.evaluate_case(stress, planned, 1, 45))
out["line"] = [cr.Outcome("a\\nb\\x00c\\u2028d", "p95", False, "x").line(), cr.Outcome("st", "capacity", True, "y", info=True).line()]
print(json.dumps(out))
`;

describe('locust schedule and criteria (perfplan_schedule.py, perfplan_criteria.py under python3)', function () {
  this.timeout(60000);
  let out: Record<string, any>;

  before(async () => {
    const dir = writeFiles((await renderLocust(hostilePlan())).files, 'perfplan-locust-verdict-');
    try {
      out = JSON.parse(runPython(PROGRAM, [path.join(dir, 'locust')]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the time scale from TIME_SCALE or the plan, and refuses anything but a positive number', () => {
    expect(out.scale).to.deep.equal([0.05, 0.5, 2, 2]);
    for (const [index, given] of ['abc', '0', '-1', 'inf', 'nan'].entries()) {
      expect(out.badScale[index]).to.equal(
        `TIME_SCALE (or --perfplan-time-scale) must be a positive number, e.g. 0.05 to run every stage 20 times shorter; got "${given}"`,
      );
    }
    expect(out.badDefault).to.match(/^the plan's timeScale .* must be a positive number/);
  });

  it("runs a test type's default cases, or one case by id (by-name-only ones too), and says what is wrong otherwise", () => {
    expect(out.select).to.deep.equal({
      stressDefault: [['stress_system'], false],
      loadDefault: [['load_a', 'load_b'], false],
      byId: [['stress_getA'], true],
      byIdAnyType: [['load_b'], true],
      named: [['stress_getA', 'load_b'], true],
    });
    expect(out.selectProblems[0]).to.equal('test case "load_a" is a load test, not a stress test: run it with --config locust/load.conf');
    expect(out.selectProblems[1]).to.match(/^this plan has no test case "nope"; the ids are the keys of TEST_CASES/);
    expect(out.selectProblems[2]).to.equal('unknown test type "soak"; this plan has load, stress');
    expect(out.selectProblems[3]).to.match(/^choose what to run: --config locust\/<type>.conf .* --perfplan-test-case ID$/);
  });

  it('stops a test case that needs a chosen base URL unless BASE_URL or --host is given', () => {
    expect(out.baseUrl[0]).to.equal(
      'BASE_URL is not set: stress tests never run against the spec\'s server ("https://api.example.com") by default. ' +
        'Set BASE_URL=https://your-test-server (or pass --host https://your-test-server); nothing was sent.',
    );
    expect(out.baseUrl[1]).to.equal(null);
    expect(out.baseUrl[2]).to.equal(null);
    expect(out.baseUrl[3]).to.match(/^BASE_URL is not set: load tests run against the spec's server \("https:\/\/api.example.com\/v1"\) only when it is a loopback address/);
  });

  it('runs the test cases one after another from their scaled startSeconds, users following the scaled stages', () => {
    // Stages [[2,4],[6,4],[2,0]] and [[4,8],[4,0]] at scale 0.5; the second starts at 10 × 0.5.
    expect(out.timeline).to.deep.equal({
      starts: [0, 5],
      at: [[0, 0], [0, 2.5], [0, 4.75], [1, 0], [1, 3.5], null],
      users: [0, 2, 4, 4, 2, 0],
      ran: [0, 2, 4],
    });
    expect(out.byName).to.deep.equal([0, 8]);
  });

  it('backs a stress test off to its recovery users, holds them, ends, and starts the next test case earlier', () => {
    // Planned length 45 s × 0.5 = 22.5 s. Backing off at 12 s (hold step 3, 30 users): 0.5 s drop, 5 s hold.
    expect(out.backOff).to.deep.equal({
      plannedAfter: 22.5,
      window: [14.5, 17.5],
      stages: [
        [1, 30, 'ramp to step 3'],
        [1, 30, 'hold step 3'],
        [0.5, 5, 'drop to recovery'],
        [5, 5, 'recovery'],
      ],
      length: 17.5,
      after: 17.5,
      users: [30, 17.5, 5],
      at: [1, 0],
    });
  });

  it('files requests by start time in slots of the time scale and summarizes a window', () => {
    // Slots 10..19 of 0.05 s: 10 requests of 110..119 ms, one failed.
    expect(out.series).to.deep.equal([10, 1, 20, 40, 119, 119, 114.5]);
  });

  it('judges p95 and errors over the test case, throughput over the scaled window, and what a cut-short run could not show', () => {
    expect(out.load).to.deep.equal([
      { testCase: 'c', criterion: 'p95', passed: false, detail: '300 ms (limit 200 ms, over by 100 ms)' },
      { testCase: 'c', criterion: 'error rate', passed: false, detail: '10 % (limit 5 %, over by 5 %)' },
      { testCase: 'c', criterion: 'throughput', passed: true, detail: '20 req/s (at least 20 req/s) [1-4 s]' },
    ]);
    expect(out.loadCut).to.deep.equal({ testCase: 'c', criterion: 'throughput', passed: false, detail: 'not judged: the test case ran 3 s, the window ends at 4 s [1-4 s]' });
    expect(out.loadShort.detail).to.equal('20 req/s (at least 25 req/s, short by 5 req/s) [1-4 s]');
    expect(out.nothing).to.deep.equal([{ testCase: 'c', criterion: 'requests', passed: false, detail: 'no request was sent' }]);
  });

  it('judges a spike: errors during the spike window, p95 and errors in the recovered window', () => {
    expect(out.spike.map((entry: any) => [entry.criterion, entry.passed, entry.detail])).to.deep.equal([
      ['p95', false, '2000 ms (limit 1000 ms, over by 1000 ms)'],
      ['error rate', false, '7.5 % (limit 5 %, over by 2.5 %)'],
      ['error rate during the spike', false, '30 % (limit 20 %, over by 10 %) [5-10 s]'],
      ['p95 after recovery', true, '50 ms (limit 1000 ms) [13-19 s]'],
      ['error rate after recovery', true, '0 % (limit 5 %) [13-19 s]'],
    ]);
  });

  it('judges a soak: p95 of the last window against the first plus the drift, and the growth of errors', () => {
    expect(out.soak.map((entry: any) => [entry.criterion, entry.passed, entry.detail])).to.deep.equal([
      ['p95 drift (last window vs first)', false, '130 ms (limit 120 ms, over by 10 ms) [first 0-3 s, last 7-10 s]'],
      ['error growth (last window vs first)', false, '10 % (limit 1 %, over by 9 %) [first 0-3 s, last 7-10 s]'],
    ]);
  });

  it('finds the breaking point per hold step (p95, errors, or throughput under the best rate per user) and the capacity', () => {
    const { breaking } = out;
    expect(breaking.throughput.label).to.equal('hold step 3');
    expect(breaking.throughput.reason).to.equal('throughput 38 req/s < 40 req/s (50 % of the best 2 req/s per user x 40 users)');
    expect(breaking.p95).to.equal('p95 600 ms > 500 ms');
    expect(breaking.errors).to.equal('error rate 25 % > 10 %');
    expect(breaking.silent).to.equal('no request started in the step was answered');
    expect(breaking.none).to.equal(null);
    // The highest step throughput is 38 req/s (step 3); the best rate per user, 2 req/s (step 1), reaches it at 19 users.
    expect(breaking.capacity.rps).to.equal(38);
    expect(breaking.capacity.at.label).to.equal('hold step 3');
    expect(breaking.capacity.perUser).to.equal(2);
    expect(breaking.capacity.perUserAt.label).to.equal('hold step 1');
    expect(breaking.capacity.users).to.equal(19);
  });

  it('judges each hold step while the stress test runs, once its requests had time to answer, and calls for the back-off', () => {
    expect(out.watch).to.deep.equal({
      checks: [false, 0, false, 1, true, 2],
      grace: 0.5,
      steps: [
        ['hold step 1', 10, 1, 5],
        ['hold step 2', 20, 6, 10],
        ['hold step 3', 30, 11, 15],
      ],
      breaking: 'p95 600 ms > 500 ms',
    });
  });

  it('prints each outcome on one line: control characters in a test case id become spaces', () => {
    expect(out.line).to.deep.equal(['FAIL a b c d: p95: x', 'INFO st: capacity: y']);
  });

  it('passes or fails a stress test on its recovery (where it backed off) and reports the breaking point and capacity', () => {
    // Backed off at 10.6 s: 0.5 s drop, recovery 5 s, judged after 4 × 0.5 s of settling.
    expect(out.watchWindow).to.deep.equal([13.1, 16.1]);
    expect(out.stressBackedOff).to.deep.equal([
      { testCase: 'st', criterion: 'recovery p95', passed: true, detail: '40 ms (limit 1000 ms) [13.1-16.1 s]' },
      { testCase: 'st', criterion: 'recovery error rate', passed: true, detail: '0 % (limit 1 %) [13.1-16.1 s]' },
      {
        testCase: 'st',
        criterion: 'breaking point',
        passed: true,
        info: true,
        detail: 'hold step 2 at 20 users [6-10 s]: p95 600 ms > 500 ms; backed off to 5 users to judge recovery',
      },
      {
        testCase: 'st',
        criterion: 'capacity',
        passed: true,
        info: true,
        detail: '36 req/s at most (hold step 2, 20 users); at the best rate per user, 2 req/s (hold step 1), that is 18 users',
      },
    ]);
    // Not backed off: the planned recovery window (35-41 s) decides, and every hold step is measured afterwards.
    expect(out.stressPlanned.map((entry: any) => [entry.criterion, entry.passed, entry.detail])).to.deep.equal([
      ['recovery p95', false, '2000 ms (limit 1000 ms, over by 1000 ms) [35-41 s]'],
      ['recovery error rate', true, '0 % (limit 1 %) [35-41 s]'],
      ['breaking point', true, 'not reached in 3 hold steps, up to 30 users'],
      ['capacity', true, '15 req/s at most (hold step 3, 30 users); at the best rate per user, 0.5 req/s (hold step 1), that is 30 users'],
    ]);
  });
});
