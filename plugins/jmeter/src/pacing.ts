import type { TestCase } from 'perfplan/plugin';
import { groovyTimer, type TreeItem, item } from './elements.js';
import { START_PROPERTY } from './schedule.js';

// The open model (profile.targetRps): one thread group holds the pool of `virtualUsers` users for
// the whole test case, and a Groovy timer schedules their requests as arrivals. The shape offers
// targetRps × users(t) / virtualUsers requests/s, users(t) linear within each stage; the n-th
// request of the test case starts when the arrivals offered so far reach n. A user who comes back
// after its arrival was due (every user busy: the server is slow) takes the arrival due now and
// the missed ones are dropped, never sent later in a burst, so a slow server gets less than
// offered. Users do not think.
//
// Why not JMeter's own timers: the Constant Throughput Timer shared by a thread group gives the
// whole rate from the first thread on, and each waiting thread books its slot at the rate of the
// moment it asked, so a changing rate lags by a pool's worth of slots; paced per thread, a user's
// slot is p95 + think time apart (not scaled by -JtimeScale), longer than a rehearsal's windows;
// the Precise Throughput Timer is one constant rate; and the Open Model Thread Group (5.5,
// experimental) has no bound on its threads.
//
// The script is fixed text: the test case's numbers come in its Parameters.

/** Counters of arrivals taken, per test case: props `perfplan.arrivals.<id>` (AtomicLong). */
export const ARRIVALS_PROPERTY_PREFIX = 'perfplan.arrivals.';

const PACING_SCRIPT = `// perfplan: starts each request of an open-model test case at its arrival (see the test case's comment).
// Fixed text. Parameters: test case id, start (s), requests/s at the pool's users, pool users, then stages (seconds:users).
import java.util.concurrent.atomic.AtomicLong
import java.util.function.LongUnaryOperator

def id = args[0]
double scale = new BigDecimal(props.getProperty('timeScale', vars.get('perfplan.defaultTimeScale')).trim()).doubleValue()
double startOffset = props.getProperty('testCase', '').trim() == id ? 0d : args[1].toDouble()
double pool = args[3].toDouble()
double rate = args[2].toDouble()
def perMinute = props.getProperty(id + '.requestsPerMinute') ?: props.getProperty('requestsPerMinute')
def users = props.getProperty(id + '.users') ?: props.getProperty('users')
if (perMinute) rate = perMinute.toDouble() / 60d
else if (users) rate = rate * users.toDouble() / pool
double perUser = rate / pool
def stages = args.drop(4).collect { String stage -> def parts = stage.split(':'); [parts[0].toDouble() * scale, parts[1].toDouble()] }

// Arrivals offered in the first t seconds of the test case, and when the k-th one (from 0) is due.
def offeredBy = { double t ->
  double at = 0d, before = 0d, total = 0d
  for (stage in stages) {
    double length = stage[0], target = stage[1]
    double slope = length > 0 ? (target - before) / length : 0d
    double span = Math.min(Math.max(t - at, 0d), length)
    total += perUser * (before * span + slope * span * span / 2d)
    at += length
    before = target
    if (t <= at) break
  }
  total
}
def dueAt = { double k ->
  double at = 0d, before = 0d, total = 0d
  for (stage in stages) {
    double length = stage[0], target = stage[1]
    double inStage = perUser * (before + target) / 2d * length
    if (inStage > 0d && total + inStage >= k) {
      double slope = (target - before) / length
      double need = (k - total) / perUser
      double x = Math.abs(slope) < 1e-9 ? need / before : (-before + Math.sqrt(Math.max(0d, before * before + 2d * slope * need))) / slope
      return at + Math.min(Math.max(x, 0d), length)
    }
    total += inStage
    at += length
    before = target
  }
  -1d
}

long now = System.currentTimeMillis()
double caseStart = (props.getProperty('${START_PROPERTY}') ?: String.valueOf(now)).toLong() + startOffset * scale * 1000d
long dueNow = (long) Math.floor(offeredBy((now - caseStart) / 1000d))
def counter = props.computeIfAbsent('${ARRIVALS_PROPERTY_PREFIX}' + id, { key -> new AtomicLong() })
long taken = Math.max(counter.getAndUpdate({ long next -> Math.max(next, dueNow) + 1 } as LongUnaryOperator), dueNow)
double due = dueAt((double) taken)
if (due < 0d) return 3600000L // the shape offers no more: wait for the end of the test case
return Math.max(0L, Math.round(caseStart + due * 1000d - now))
`;

function number(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

/** The timer that paces an open-model test case (id as in -JtestCase, its start in its file's default run). */
export function pacingTimer(input: { id: string; testCase: TestCase; startSeconds: number }): TreeItem {
  const { profile } = input.testCase;
  const parameters = [
    input.id,
    number(input.startSeconds),
    number(profile.targetRps ?? 0),
    number(profile.virtualUsers),
    ...profile.stages.map((stage) => `${number(Math.max(0, stage.durationSeconds))}:${number(Math.max(0, stage.target))}`),
  ].join(' ');
  return item(groovyTimer({ name: `Arrivals: ${profile.targetRps} requests/s at ${profile.virtualUsers} users, following the load shape`, parameters, script: PACING_SCRIPT }));
}

/**
 * The same timer, run once in the setUp thread group with a rate that makes it return at once:
 * Groovy compiles the script there (a second or more in a cold JVM), not in the first test
 * case, whose first arrivals would otherwise be dropped.
 */
export function pacingWarmUp(): TreeItem {
  return item(groovyTimer({ name: 'Compile the arrivals timer', parameters: 'perfplan-warm-up 0 1000000 1 1:1', script: PACING_SCRIPT }));
}
