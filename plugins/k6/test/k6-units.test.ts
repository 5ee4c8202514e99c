import { expect } from 'chai';
import { allocateScenarioNames, IdentifierAllocator, toIdentifier } from '../src/identifiers.js';
import { executorFor, k6Duration, rateTargets, rateUnit } from '../src/load-shape.js';
import { bodyKind, isHeaderName, weightedCycle, parseExtraction, parseInjection, pointerTokens, type TestCase } from 'perfplan/plugin';
import { workflowTag } from '../src/workflow-view.js';
import { fixturePlan } from './fixture-plan.js';

describe('k6 renderer building blocks', () => {
  describe('identifiers', () => {
    it('turns any operationId into a valid JavaScript identifier', () => {
      expect(toIdentifier('get /pets/{petId}', 'op')).to.equal('getPetsPetId');
      expect(toIdentifier('class', 'op')).to.equal('class_');
      expect(toIdentifier('1abc', 'op')).to.equal('_1abc');
      expect(toIdentifier('"`${}`*/\n\u2028', 'op')).to.equal('$');
      expect(toIdentifier('ユーザー', 'op')).to.equal('op');
      expect(toIdentifier('delete', 'op')).to.equal('delete_');
    });

    it('suffixes names that collide after sanitising, and avoids reserved names', () => {
      const names = new IdentifierAllocator(['http']);
      expect(['a-b', 'a b', 'aB', 'http', 'aB'].map((text) => names.allocate(text, 'op'))).to.deep.equal(['aB', 'aB_2', 'aB_3', 'http_2', 'aB_4']);
    });

    it('makes scenario names of [A-Za-z0-9_-] only, unique', () => {
      expect(allocateScenarioNames(['load a', 'load_a', 'x{y}', ''])).to.deep.equal(['load_a', 'load_a_2', 'x_y_', 'scenario']);
    });
  });

  describe('workflow expressions', () => {
    it('unescapes RFC 6901 pointers: ~1 before ~0, so ~01 stays ~1', () => {
      expect(pointerTokens('')).to.deep.equal([]);
      expect(pointerTokens('/a~1b/~0/~01/0/')).to.deep.equal(['a/b', '~', '~1', '0', '']);
      expect(pointerTokens('a')).to.equal(undefined);
    });

    it('parses the runtime expressions steps extract values with', () => {
      expect(parseExtraction('$response.body#/data/0/id')).to.deep.equal({ source: 'response.body', pointer: ['data', '0', 'id'] });
      expect(parseExtraction('$response.body')).to.deep.equal({ source: 'response.body', pointer: [] });
      expect(parseExtraction('$response.header.Location')).to.deep.equal({ source: 'response.header', name: 'Location' });
      expect(parseExtraction('$request.path.petId')).to.deep.equal({ source: 'request.path', name: 'petId' });
      expect(parseExtraction('$request.query.q')).to.deep.equal({ source: 'request.query', name: 'q' });
      expect(parseExtraction('$request.header.X-Id')).to.deep.equal({ source: 'request.header', name: 'X-Id' });
      expect(parseExtraction('$request.body#/a~1b')).to.deep.equal({ source: 'request.body', pointer: ['a/b'] });
      expect(parseExtraction('$statusCode')).to.deep.equal({ source: 'statusCode' });
      expect(parseExtraction('$response.body#id')).to.equal(undefined);
      expect(parseExtraction('$inputs.x')).to.equal(undefined);
    });

    it('parses where carried values go', () => {
      expect(parseInjection('path.petId')).to.deep.equal({ target: 'path', name: 'petId' });
      expect(parseInjection('header.X-Id')).to.deep.equal({ target: 'header', name: 'X-Id' });
      expect(parseInjection('cookie.sid')).to.deep.equal({ target: 'cookie', name: 'sid' });
      expect(parseInjection('body#/owner/id')).to.deep.equal({ target: 'body', pointer: ['owner', 'id'] });
      expect(parseInjection('url')).to.deep.equal({ target: 'url' });
      expect(parseInjection('matrix.x')).to.equal(undefined);
    });

    it('makes workflow tags threshold-safe', () => {
      expect(workflowTag('wf a{b},c:d')).to.equal('wf_a_b_c_d');
      expect(workflowTag('')).to.equal('workflow');
    });
  });

  describe('executors', () => {
    const byId = (id: string): TestCase => fixturePlan().testCases.find((testCase) => testCase.id === id)!;

    it('paces arrivals when the profile gives a rate (soak included), ramps users who think otherwise', () => {
      expect(executorFor(byId('load_rate'))).to.equal('ramping-arrival-rate');
      expect(executorFor(byId('soak_listPets'))).to.equal('ramping-arrival-rate');
      expect(executorFor(byId('load_listPets'))).to.equal('ramping-vus');
      expect(executorFor(byId('stress_system'))).to.equal('ramping-vus');
      expect(executorFor({ ...byId('workflow_pets'), profile: { ...byId('workflow_pets').profile, targetRps: 5 } })).to.equal('ramping-vus');
    });

    it('expresses a rate in whole iterations per the shortest time unit that keeps it within 0.1 %', () => {
      expect(rateUnit(25)).to.deep.equal({ timeUnit: '1s', seconds: 1 });
      expect(rateUnit(6.667)).to.deep.equal({ timeUnit: '1m', seconds: 60 }); // 400.02 per minute
      expect(rateUnit(0.95)).to.deep.equal({ timeUnit: '1m', seconds: 60 }); // 57 per minute
      expect(rateUnit(0.0001)).to.deep.equal({ timeUnit: '1h', seconds: 3600 });
      const soak = byId('soak_listPets').profile;
      expect(rateTargets(soak).map((stage) => stage.target)).to.deep.equal([400, 400, 0]);
    });
  });

  it('accepts only RFC 7230 tokens as header names', () => {
    expect(isHeaderName('X-Request-Id')).to.equal(true);
    expect(isHeaderName('X Id')).to.equal(false);
    expect(isHeaderName('X:Id')).to.equal(false);
  });

  describe('bodies', () => {
    it('classifies media types', () => {
      const kind = (mediaType: string, value: never = {} as never) => bodyKind({ mediaType, value });
      expect(kind('application/json')).to.equal('json');
      expect(kind('application/merge-patch+json; charset=utf-8')).to.equal('json');
      expect(kind('application/x-www-form-urlencoded')).to.equal('form');
      expect(kind('multipart/form-data')).to.equal('multipart');
      expect(kind('image/png')).to.equal('binary');
      expect(kind('*/*', { $file: { content: 'x' } } as never)).to.equal('binary');
      expect(kind('*/*', 'text' as never)).to.equal('text');
      expect(kind('application/xml', '<a/>' as never)).to.equal('text');
      // k6 writes an XML value as XML (the shared kinds: no 'xml' folded into 'text').
      expect(kind('application/xml', { a: 1 } as never)).to.equal('xml');
    });
  });

  describe('weighted cycle', () => {
    const counts = (cycle: number[], targets: number) => Array.from({ length: targets }, (_, index) => cycle.filter((entry) => entry === index).length);

    it('uses the shortest exact cycle and interleaves targets', () => {
      expect(weightedCycle([1])).to.deep.equal([0]);
      expect(weightedCycle([1, 1])).to.deep.equal([0, 1]);
      expect(weightedCycle([3, 1])).to.deep.equal([0, 0, 1, 0]);
      const auth = weightedCycle([0.1, 0.8, 0.1]);
      expect(auth).to.have.length(10);
      expect(counts(auth, 3)).to.deep.equal([1, 8, 1]);
    });

    it('keeps every target in the cycle when weights are uneven, and is deterministic', () => {
      const cycle = weightedCycle([1000, 1, Math.PI]);
      expect(cycle.length).to.be.at.most(1000);
      expect(counts(cycle, 3).every((count) => count >= 1)).to.equal(true);
      expect(weightedCycle([1000, 1, Math.PI])).to.deep.equal(cycle);
      expect(counts(weightedCycle([0, -1, Number.NaN]), 3)).to.deep.equal([1, 1, 1]);
      expect(weightedCycle(Array.from({ length: 1500 }, () => 1))).to.have.length(1500);
    });

    it('gives whole-number weights their exact cycle, also for thousands of targets', () => {
      // A large API's mixed workload: weights 1-4 over 468 operations sum to more than 1,000.
      const stripeLike = Array.from({ length: 468 }, (_, index) => (index % 4) + 1);
      const exact = weightedCycle(stripeLike);
      expect(exact).to.have.length(stripeLike.reduce((sum, weight) => sum + weight, 0));
      expect(counts(exact, stripeLike.length)).to.deep.equal(stripeLike);
      // 20,000 targets (stride scheduling): every target exactly its weight, interleaved, deterministic.
      const weights = Array.from({ length: 20000 }, (_, index) => (index % 10 === 0 ? 3 : 1));
      const cycle = weightedCycle(weights);
      expect(cycle).to.have.length(24000);
      expect(counts(cycle, weights.length)).to.deep.equal(weights);
      // Every eighth of the cycle has the overall mix: weight-3 targets take 6,000 of 24,000 turns.
      for (let part = 0; part < 8; part++) {
        const stretch = cycle.slice(part * 3000, (part + 1) * 3000);
        expect(stretch.filter((target) => target % 10 === 0).length / stretch.length).to.be.closeTo(0.25, 0.02);
      }
      expect(weightedCycle(weights)).to.deep.equal(cycle);
    });

    it('gives each target one turn, in order, when all weights are equal', () => {
      expect(weightedCycle(Array.from({ length: 20000 }, () => 2))).to.deep.equal(Array.from({ length: 20000 }, (_, index) => index));
    });
  });

  it('writes k6 durations in whole seconds, or milliseconds when fractional', () => {
    expect([k6Duration(30), k6Duration(0.5), k6Duration(0), k6Duration(Number.NaN)]).to.deep.equal(['30s', '500ms', '0s', '0s']);
  });
});
