import fs from 'node:fs';
import { expect } from 'chai';
import locustRenderer, { caseSelector } from '../src/index.js';
import { integerWeights, pointerTokens } from 'perfplan/plugin';
import { hostilePlan, PY_HOSTILE } from './fixture-plan.js';
import { inspectPython, renderLocust, writeFiles, type InspectedPython } from './render-locust.js';

const PYTHON_FILES = [
  'locust/locustfile.py',
  'locust/perfplan_requests.py',
  'locust/perfplan_plan.py',
  'locust/perfplan_runtime.py',
  'locust/perfplan_schedule.py',
  'locust/perfplan_criteria.py',
  'locust/perfplan_locust.py',
];

describe('locust renderer', function () {
  this.timeout(60000);
  let parsed: Record<string, InspectedPython>;
  let rendered: Awaited<ReturnType<typeof renderLocust>>;
  const plan = hostilePlan();

  before(async () => {
    rendered = await renderLocust(plan);
    const dir = writeFiles(rendered.files);
    try {
      parsed = inspectPython(dir, PYTHON_FILES);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the locustfile, its modules and one config per test type present', () => {
    expect(rendered.files.map((file) => file.path)).to.deep.equal([
      ...PYTHON_FILES,
      'locust/load.conf',
      'locust/stress.conf',
      'locust/spike.conf',
      'locust/soak.conf',
      'locust/mixed.conf',
      'locust/workflow.conf',
    ]);
    expect(rendered.byPath('locust/stress.conf')).to.include('perfplan-test-type = stress\n').and.include('headless = true\n');
  });

  it('writes Python that parses with the Python 3.9 grammar and compiles', () => {
    for (const file of PYTHON_FILES) expect(parsed[file].error, file).to.equal(undefined);
  });

  it('keeps no raw NUL, CR or line separator in any file', () => {
    for (const file of rendered.files) expect(/[\u0000\r\u2028\u2029]/.test(file.contents), file.path).to.equal(false);
  });

  it('carries every request value through intact (compared as Python literals)', () => {
    const requests = parsed['locust/perfplan_requests.py'].literals.REQUESTS as Record<string, any>;
    expect(Object.keys(requests)).to.deep.equal(plan.requests.map((request) => request.operationId));
    for (const request of plan.requests) {
      const entry = requests[request.operationId];
      expect(entry.operationId).to.equal(request.operationId);
      expect(entry.path).to.equal(request.path);
      expect(entry.method).to.equal(request.method.toUpperCase());
      const sent = request.parameters.filter((param) => !['Accept', 'bad header'].includes(param.name));
      expect(entry.parameters.map((param: any) => param.value)).to.deep.equal(sent.map((param) => param.value));
      expect(entry.parameters.map((param: any) => param.name)).to.deep.equal(sent.map((param) => param.name));
      if (request.body) expect(entry.body.value).to.deep.equal(request.body.value);
    }
    expect(requests.class.auth).to.deep.equal(['bearer"Auth']);
    expect(requests.None.body.kind).to.equal('json');
    expect(requests.lambda.body).to.include({ kind: 'form', contentType: 'application/x-www-form-urlencoded' });
    expect(requests.lambda.body.encoding.card).to.deep.equal({ style: 'deepObject', explode: true });
    expect(requests['import os'].body.kind).to.equal('multipart');
    expect(requests['import os'].body).to.not.have.property('contentType');
    expect(requests.self.body.kind).to.equal('binary');
    expect(requests.send.body).to.include({ kind: 'xml' });
    expect(requests.send.body.xml).to.deep.include({ name: 'note' });
    const auth = parsed['locust/perfplan_requests.py'].literals.AUTH as Record<string, unknown>;
    expect(auth).to.deep.equal(Object.fromEntries(plan.auth.map((entry) => [entry.scheme, entry])));
  });

  it('carries test cases and workflows intact, with parsed runtime expressions', () => {
    const { literals } = parsed['locust/perfplan_plan.py'];
    expect(literals.DEFAULT_BASE_URL).to.equal(plan.defaultBaseUrl);
    expect(literals.TEST_TYPES).to.deep.equal(['load', 'stress', 'spike', 'soak', 'mixed', 'workflow']);
    const cases = literals.TEST_CASES as Record<string, any>;
    expect(Object.keys(cases)).to.deep.equal(plan.testCases.map((testCase) => testCase.id));
    expect(cases[PY_HOSTILE].name).to.equal(`Case ${PY_HOSTILE}`);
    expect(cases.load_class).to.include({ targetRps: 15, users: 10 });
    expect(cases.load_class.stages).to.deep.equal([[30, 10, 'ramp-up'], [60, 10, 'hold'], [30, 0, 'ramp-down']]);
    expect(cases.load_class.criteria).to.deep.equal({ p95Ms: 1000, errorRate: 0.01, minThroughputRps: 15, throughputWindow: { fromSeconds: 30, toSeconds: 90 } });
    expect(cases.load_class).to.include({ startSeconds: 0, onlyByName: false, requiresChosenBaseUrl: false });
    expect(cases[PY_HOSTILE]).to.include({ startSeconds: 120, onlyByName: false, requiresChosenBaseUrl: true });
    expect(cases.stress_None).to.include({ onlyByName: true });
    expect(cases.stress_None.breakingPoint).to.deep.equal({ p95Ms: 5000, errorRate: 0.1, throughputDrop: 0.5 });
    expect(cases.stress_None.recovery).to.deep.equal({ users: 10, durationSeconds: 60, settleSeconds: 0 });
    expect(cases.spike_lambda.spike).to.deep.equal({ errorRateDuringSpike: 0.05, recoverySeconds: 60, spikeWindow: { fromSeconds: 70, toSeconds: 191 } });
    expect(literals.TIME_SCALE).to.equal(0.25);
    expect(cases.mixed_all.operations).to.deep.equal(['class', 'None', 'send']);
    expect(cases.workflow_pets).to.include({ workflow: 'pets' });
    const workflow = (literals.WORKFLOWS as Record<string, any>).pets;
    expect(workflow.name).to.equal(`Pets ${PY_HOSTILE}`);
    expect(workflow.steps[0].extract).to.deep.equal([
      { variable: 'petId', from: '$response.body#/a~1b/c~0d', source: 'response.body', pointer: ['a/b', 'c~d'] },
      { variable: PY_HOSTILE, from: '$response.header.Location', source: 'response.header', name: 'Location' },
      { variable: 'sent', from: '$request.body#/name', source: 'request.body', pointer: ['name'] },
    ]);
    expect(workflow.steps[1].weight).to.equal(0.5);
    expect(workflow.steps[1].extract[0].source).to.equal('unsupported');
    expect(workflow.steps[1].inject).to.deep.equal([
      { variable: 'petId', to: 'path.petId', target: 'path', name: 'petId' },
      { variable: PY_HOSTILE, to: 'header.X-Request-Id', target: 'header', name: 'X-Request-Id' },
    ]);
    expect(workflow.origins.petId).to.equal('$response.body#/a~1b/c~0d of step "create"');
  });

  it('writes one User class per test case, named by the case, with weighted tasks and tags', () => {
    const { classes, docstrings, names } = parsed['locust/locustfile.py'];
    const users = Object.entries(classes).filter(([, cls]) => typeof cls.attrs.perfplan_case === 'string');
    expect(users.map(([, cls]) => cls.attrs.perfplan_case)).to.deep.equal(plan.testCases.map((testCase) => testCase.id));
    for (const [name, cls] of users) {
      expect(docstrings[name]).to.equal(`Case ${PY_HOSTILE}`);
      for (const tags of cls.tags) expect(tags[1]).to.equal(cls.attrs.perfplan_case);
    }
    const byCase = Object.fromEntries(users.map(([name, cls]) => [cls.attrs.perfplan_case as string, { name, ...cls }]));
    expect(byCase.load_class.name).to.equal('LoadClass');
    expect(byCase['import os'].name).to.equal('ImportOs');
    expect(byCase[PY_HOSTILE].calls).to.deep.equal([PY_HOSTILE]);
    expect(byCase.mixed_all.calls).to.deep.equal(['class', 'None', 'send']);
    expect(byCase.load_class.tags[0]).to.deep.equal(['load', 'load_class']);
    expect(byCase.workflow_pets.attrs.weight).to.equal(10);
    expect(classes.WorkflowPetsSteps.tags).to.deep.equal([['workflow', 'workflow_pets'], ['workflow', 'workflow_pets']]);
    expect(names).to.not.include('__import__');
    const source = rendered.byPath('locust/locustfile.py');
    // Open model: the test case's users share one arrival schedule (15 requests/s at the hold, in perfplan_plan.py); closed: the think time.
    expect(source).to.match(/class LoadClass\(PerfplanUser\):[\s\S]*?wait_time = paced_arrivals\n/);
    expect(source).to.not.include('constant_pacing');
    expect(source).to.match(/class StressNone\(PerfplanUser\):[\s\S]*?wait_time = constant\(1\)/);
    expect(source).to.not.include('constant_throughput');
    expect(source).to.match(/class MixedAll\(PerfplanUser\):[\s\S]*?@task\(2\)[\s\S]*?@task\(5\)[\s\S]*?@task\(8\)/);
    expect(source).to.include('class PerfplanShape(PlanShape):');
  });

  it('every hostile spec string reaches the Python files only as a string constant', () => {
    for (const file of ['locust/locustfile.py', 'locust/perfplan_requests.py', 'locust/perfplan_plan.py']) {
      expect(parsed[file].strings, file).to.include(PY_HOSTILE);
    }
    expect(parsed['locust/perfplan_plan.py'].strings).to.include(`Case ${PY_HOSTILE}`);
  });

  it('reports what it cannot render', () => {
    const messages = rendered.diagnostics.map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);
    expect(messages.some((message) => message.includes('security scheme "unknownScheme"'))).to.equal(true);
    expect(messages.some((message) => message.includes('header "bad header"'))).to.equal(true);
    expect(messages.some((message) => message.includes('"missingOp"'))).to.equal(true);
    expect(messages.some((message) => message.includes('$weird.expression'))).to.equal(true);
    expect(messages.some((message) => message.includes('"nowhere"'))).to.equal(true);
  });

  it('is deterministic', async () => {
    const again = await renderLocust(hostilePlan());
    expect(again.files).to.deep.equal(rendered.files);
  });

  it('tells PLAN.md the default run, one case by name, the time scale, BASE_URL, and that -u/-r/-t are ignored', () => {
    const steps = locustRenderer.instructions!(plan);
    expect(steps[0]).to.deep.equal({
      description: 'Run the load tests: 3 test cases one after another, exit code 1 when a criterion fails; -u, -r and -t are ignored (the load shape drives the run)',
      command: 'locust -f locust/locustfile.py --config locust/load.conf',
    });
    expect(steps[1].command).to.equal('locust -f locust/locustfile.py --config locust/load.conf --perfplan-test-case load_class');
    // A by-name-only stress case is the example; an id that is not a plain word is named by its User class.
    const stress = steps.find((step) => step.command.includes('stress.conf ') && step.description.startsWith('Run one'));
    expect(stress?.command).to.equal('locust -f locust/locustfile.py --config locust/stress.conf --perfplan-test-case stress_None');
    expect(stress?.description).to.include('outside the default run only run this way');
    expect(steps.map((step) => step.command)).to.include('locust -f locust/locustfile.py --config locust/workflow.conf');
    expect(steps.map((step) => step.command)).to.include('TIME_SCALE=0.05 locust -f locust/locustfile.py --config locust/load.conf');
    const target = steps.find((step) => step.command.startsWith('BASE_URL='));
    expect(target).to.deep.equal({
      description: 'Run against your test server (BASE_URL, or --host): load tests do not start without it',
      command: 'BASE_URL=https://your-test-server locust -f locust/locustfile.py --config locust/load.conf',
    });
    for (const step of steps) {
      expect(step.command).to.not.include(PY_HOSTILE);
      // PLAN.md cuts a description at 160 characters.
      expect(step.description.length, step.description).to.be.below(160);
    }
  });

  it('says in the locustfile and each config how to run a type, one case, a shorter run and another server', () => {
    const header = rendered.byPath('locust/locustfile.py').split('\n').filter((line) => line.startsWith('#'));
    const text = header.join('\n');
    expect(text).to.include("#   a test type's default run:  locust -f locust/locustfile.py --config locust/load.conf");
    expect(text).to.include('#   one test case, from 0:      locust -f locust/locustfile.py --config locust/load.conf --perfplan-test-case load_class');
    expect(text).to.include('#   shorter:                    TIME_SCALE=0.05 locust ...  (or --perfplan-time-scale 0.05; default 0.25)');
    expect(text).to.include('#   your server:                BASE_URL=https://your-test-server locust ...  (or --host)');
    expect(text).to.include('#   -u, -r and -t are ignored:  the load shape sets the users and the run time');
    const conf = rendered.byPath('locust/stress.conf');
    expect(conf).to.include('# Stress tests: locust -f locust/locustfile.py --config locust/stress.conf (from the output folder: no test case runs by default: choose one)\n');
    expect(conf).to.include('# One test case, from 0: ... --config locust/stress.conf --perfplan-test-case stress_None (or PERFPLAN_TEST_CASE=ID)\n');
    expect(rendered.byPath('locust/load.conf')).to.include('(from the output folder: the 3 test cases of the default run, one after another)\n');
    expect(conf).to.include("# -u, -r and -t are ignored: the plan's load shape sets the users and the run time.\n");
    expect(rendered.byPath('locust/load.conf')).to.include('Your server: BASE_URL=https://your-test-server (or --host), required here.');
    expect(conf).to.include('Your server: BASE_URL=https://your-test-server (or --host).');
  });

  it('names a test case on a command line by id only when the id is a plain word, else by its User class', () => {
    expect(caseSelector('stress_getPet', 'StressGetPet')).to.equal('--perfplan-test-case stress_getPet');
    expect(caseSelector(PY_HOSTILE, 'Odd')).to.equal('Odd');
    expect(caseSelector('-rf', 'Rf')).to.equal('Rf');
    expect(caseSelector('a b', 'AB')).to.equal('AB');
  });

  it('turns fractional weights into integer @task weights in proportion', () => {
    expect(integerWeights([0.5, 1.25, 2])).to.deep.equal([2, 5, 8]);
    expect(integerWeights([2, 4, 6])).to.deep.equal([1, 2, 3]);
    expect(integerWeights([0, Number.NaN, 3])).to.deep.equal([1, 1, 3]);
  });

  it('unescapes RFC 6901 pointers (~1 before ~0)', () => {
    expect(pointerTokens('/a~1b/c~0d/~01')).to.deep.equal(['a/b', 'c~d', '~1']);
    expect(pointerTokens('')).to.deep.equal([]);
    expect(pointerTokens('a')).to.equal(undefined);
  });
});
