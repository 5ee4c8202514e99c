import { commentText, jsString, type TestCase, type Workflow } from 'perfplan/plugin';
import { windowOf, type JudgedWindow } from './judged-windows.js';
import { numberText } from './load-shape.js';
import { workflowTag } from './workflow-view.js';

export interface ThresholdView {
  /** Why the threshold judges what the criterion means, under k6's semantics (comment text). */
  comment: string;
  /** The metric with its tag filter, as a string literal. */
  metric: string;
  /** Array literal of the rules: string literals, or countAtLeast(...) calls evaluated at init. */
  rules: string;
}

function rulesLiteral(rules: string[]): string {
  return `[${rules.map((rule) => (rule.startsWith('countAtLeast(') ? rule : jsString(rule))).join(', ')}]`;
}

/** "≤ errorRate" as a k6 rule (rate<=0 for a zero budget: no failed request at all). */
function rateAtMost(value: number): string {
  return `rate<=${numberText(Math.max(0, value))}`;
}

function latencyRules(input: { p95Ms: number; meanMs?: number; maxMs?: number }): string[] {
  const rules = [`p(95)<=${numberText(input.p95Ms)}`];
  if (input.meanMs !== undefined) rules.push(`avg<=${numberText(input.meanMs)}`);
  if (input.maxMs !== undefined) rules.push(`max<=${numberText(input.maxMs)}`);
  return rules;
}

function seconds(value: number): string {
  return `${numberText(value)} s`;
}

/**
 * The thresholds of one test case (spec item 4): every metric is filtered by the scenario tag
 * k6 puts on each sample of the scenario, and by the window tags phaseTags adds to requests.
 */
export function thresholdsView(input: { testCase: TestCase; scenario: string; windows: readonly JudgedWindow[]; workflow?: Workflow }): ThresholdView[] {
  const { testCase, scenario, windows, workflow } = input;
  const { criteria } = testCase;
  const metric = (name: string, window?: JudgedWindow) => jsString(`${name}{scenario:${scenario}${window ? `,${window.tag}:${window.name}` : ''}}`);
  const thresholds: ThresholdView[] = [];
  const latency = windowOf(windows, 'latency');
  const where = latency
    ? ` started ${seconds(latency.from)} to ${seconds(latency.to)} into it (tagged latency:${latency.name}, times scaled)`
    : '';
  const overloaded = testCase.type === 'stress' ? '; stress overloads on purpose, so only its recovery passes or fails it' : '';
  thresholds.push({
    comment: `Latency of this test case's requests${where}: k6 tags every request with its scenario, and setup()'s token requests with none${overloaded}.`,
    metric: metric('http_req_duration', latency),
    rules: rulesLiteral(latencyRules(criteria)),
  });
  const errorRate = workflow ? workflow.criteria.errorRate : criteria.errorRate;
  thresholds.push({
    comment: `Error rate of this test case's requests${where}: http_req_failed is a Rate, the share of requests whose status is not one the spec documents.`,
    metric: metric('http_req_failed', latency),
    rules: rulesLiteral([rateAtMost(errorRate)]),
  });
  const throughput = windowOf(windows, 'throughput');
  if (throughput && criteria.minThroughputRps > 0 && testCase.type !== 'workflow') {
    const length = throughput.to - throughput.from;
    thresholds.push({
      comment:
        `Throughput >= ${numberText(criteria.minThroughputRps)} requests/s over ${seconds(throughput.from)} to ${seconds(throughput.to)} (the ${throughput.name}): a count of the requests started in it ` +
        `(tagged throughput:${throughput.name}), from the scaled window at init. Never http_reqs' rate: k6 divides a Counter by the whole run's time (ramps, other test cases and graceful stops included).`,
      metric: metric('http_reqs', throughput),
      rules: `[countAtLeast(${numberText(criteria.minThroughputRps)}, ${numberText(length)})]`,
    });
  }
  const spike = windowOf(windows, 'phase', 'spike');
  if (testCase.spike && spike) {
    thresholds.push({
      comment: `Errors while the spike lasts (tagged phase:spike): a Rate over those requests only.`,
      metric: metric('http_req_failed', spike),
      rules: rulesLiteral([rateAtMost(testCase.spike.errorRateDuringSpike)]),
    });
  }
  const recovered = windowOf(windows, 'phase', 'recovered');
  if (testCase.spike && recovered) {
    const why = `${numberText(testCase.spike.recoverySeconds)} s after the spike (tagged phase:recovered)`;
    thresholds.push(
      { comment: `p95 back within the criteria ${why}.`, metric: metric('http_req_duration', recovered), rules: rulesLiteral([`p(95)<=${numberText(criteria.p95Ms)}`]) },
      { comment: `Errors back within the criteria ${why}.`, metric: metric('http_req_failed', recovered), rules: rulesLiteral([rateAtMost(criteria.errorRate)]) },
    );
  }
  const first = windowOf(windows, 'window', 'first');
  const last = windowOf(windows, 'window', 'last');
  if (testCase.soak && first && last) {
    const { maxP95Drift, maxErrorRateGrowth } = testCase.soak;
    thresholds.push(
      { comment: 'First window of the hold (tagged window:first) within the criteria.', metric: metric('http_req_duration', first), rules: rulesLiteral([`p(95)<=${numberText(criteria.p95Ms)}`]) },
      { comment: 'Errors in the first window within the criteria.', metric: metric('http_req_failed', first), rules: rulesLiteral([rateAtMost(criteria.errorRate)]) },
      {
        comment: `Last window (tagged window:last): k6 cannot compare two windows in a threshold, so p95 may reach the criteria plus the allowed drift (${numberText(maxP95Drift * 100)} %), an approximation of "last <= first x (1 + drift)".`,
        metric: metric('http_req_duration', last),
        rules: rulesLiteral([`p(95)<=${numberText(criteria.p95Ms * (1 + maxP95Drift))}`]),
      },
      {
        comment: `Errors in the last window: the criteria plus the allowed growth (${numberText(maxErrorRateGrowth * 100)} points), the same approximation.`,
        metric: metric('http_req_failed', last),
        rules: rulesLiteral([rateAtMost(criteria.errorRate + maxErrorRateGrowth)]),
      },
    );
  }
  if (workflow) {
    const id = workflowTag(workflow.id);
    thresholds.push(
      {
        comment: 'Completion: workflow_complete is a Rate, the share of workflow iterations whose every step got a documented status.',
        metric: jsString(`workflow_complete{workflow:${id}}`),
        rules: rulesLiteral([`rate>=${numberText(workflow.criteria.completionRate)}`]),
      },
      {
        comment: 'Mean workflow time: workflow_duration is a Trend of each iteration\'s first request to its last, in ms.',
        metric: jsString(`workflow_duration{workflow:${id}}`),
        rules: rulesLiteral([`avg<=${numberText(workflow.criteria.meanWorkflowMs)}`]),
      },
    );
  }
  return thresholds.map((threshold) => ({ ...threshold, comment: commentText(threshold.comment, 500) }));
}
