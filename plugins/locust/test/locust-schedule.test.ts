import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { builtinAnalyzers } from '../../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../../src/profiles/index.js';
import { defaultSettings } from '../../../src/pipeline/index.js';
import { createContainer, pipelineOf } from '../../../src/di/index.js';
import type { TestPlan } from 'perfplan/plugin';
import { renderLocust, runPython, writeFiles } from './render-locust.js';

const OPERATIONS = 200;

/** An OpenAPI 3.0 document with `count` operations: reads and writes on as many resources. */
function syntheticSpec(count: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'integer' } } } } } } };
  for (let index = 0; index < count; index += 2) {
    paths[`/things${index}`] = {
      get: { operationId: `listThings${index}`, responses: ok },
      post: {
        operationId: `createThing${index}`,
        requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } },
        responses: ok,
      },
    };
  }
  return { openapi: '3.0.3', info: { title: 'Synthetic', version: '1' }, servers: [{ url: 'https://api.example.com' }], paths };
}

// Walks the stress default run the way the generated PlanShape does (perfplan_schedule.Timeline over
// perfplan_plan.TEST_CASES), and independently sums the users of every default-run test case whose
// [startSeconds, startSeconds + length) covers each moment.
const WALK = `
import json, sys
sys.path.insert(0, sys.argv[1])
import perfplan_schedule as sc
from perfplan_plan import TEST_CASES, TEST_TYPES, TIME_SCALE
cases, by_name = sc.select_cases(list(TEST_CASES.values()), list(TEST_TYPES), "stress")
timeline = sc.Timeline(cases, by_name, TIME_SCALE)
shape_peak = 0.0
overlap_peak = 0.0
t = 0.0
while t <= timeline.end() + 1:
    position = timeline.at(t)
    if position is not None and position[0] is not None:
        shape_peak = max(shape_peak, timeline.users(position[0], position[1] + 1))
    running = 0.0
    for case in cases:
        start = case["startSeconds"]
        length = sc.stages_seconds(case["stages"])
        if start <= t < start + length:
            running += sc.users_at(case["stages"], 0, t - start) or 0.0
    overlap_peak = max(overlap_peak, running)
    t += 0.5
by_name_cases = [case["id"] for case in TEST_CASES.values() if case["type"] == "stress" and case.get("onlyByName")]
print(json.dumps({"default": [case["id"] for case in cases], "byName": len(by_name_cases), "shapePeak": shape_peak, "overlapPeak": overlap_peak, "end": timeline.end()}))
`;

describe('locust shape over a 200-operation spec', function () {
  this.timeout(60000);
  let plan: TestPlan;
  let walk: { default: string[]; byName: number; shapePeak: number; overlapPeak: number; end: number };

  before(async () => {
    const specDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-locust-200-'));
    const specFile = path.join(specDir, 'synthetic.json');
    fs.writeFileSync(specFile, JSON.stringify(syntheticSpec(OPERATIONS)));
    try {
      const entries = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));
      plan = (await pipelineOf(createContainer({ plugins: entries, settings: { ...defaultSettings(), types: ['stress'] } })).plan(specFile)).plan;
    } finally {
      fs.rmSync(specDir, { recursive: true, force: true });
    }
    const dir = writeFiles((await renderLocust(plan)).files, 'perfplan-locust-200-');
    try {
      walk = JSON.parse(runPython(WALK, [path.join(dir, 'locust')]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("never has more than the stress profile's peak users at once in the default stress run", () => {
    expect(plan.source.operationCount).to.equal(OPERATIONS);
    const system = plan.testCases.find((testCase) => testCase.id === 'stress_system')!;
    const peak = Math.max(...system.profile.stages.map((stage) => stage.target));
    expect(peak).to.equal(1000);
    expect(walk.default).to.deep.equal(['stress_system']);
    expect(walk.byName).to.equal(OPERATIONS);
    expect(walk.shapePeak).to.be.at.most(peak);
    expect(walk.overlapPeak).to.be.at.most(peak);
    // The shape does reach the peak, and runs as long as the system-wide case.
    expect(walk.shapePeak).to.equal(peak);
    expect(walk.end).to.equal(system.profile.stages.reduce((sum, stage) => sum + stage.durationSeconds, 0));
  });
});
