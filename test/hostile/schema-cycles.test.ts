import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import type { TestPlan } from '../../src/model/index.js';
import { runCliMeasured, STACK_LINE } from '../helpers/run-cli.js';
import { tempDirs } from '../render/temp-dir.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const CHAIN_HOPS = 10_000;

/** A POST whose JSON body (required) and 201 response are the schema `name`. */
function post(operationId: string, name: string) {
  const content = { 'application/json': { schema: ref(name) } };
  return { post: { operationId, requestBody: { required: true, content }, responses: { '201': { description: 'created', content } } } };
}

/**
 * The schema shapes that overflowed the stack (issue 10, item 5): OpenAPI's polymorphism
 * pattern (a base that lists its subtypes in oneOf/anyOf, subtypes that allOf the base), with
 * and without a discriminator, two-schema allOf and oneOf cycles, a schema that allOfs itself,
 * a $ref cycle, and a chain of 10,000 $refs. All in one spec: one CLI run covers them.
 */
function cyclesSpec(): Record<string, unknown> {
  const schemas: Record<string, unknown> = {
    Pet: {
      oneOf: [ref('Cat'), ref('Dog')],
      discriminator: { propertyName: 'petType', mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' } },
    },
    Cat: { allOf: [ref('Pet'), { type: 'object', required: ['petType', 'lives'], properties: { petType: { type: 'string' }, lives: { type: 'integer', minimum: 1, maximum: 9 } } }] },
    Dog: { allOf: [ref('Pet'), { type: 'object', required: ['petType', 'bark'], properties: { petType: { type: 'string' }, bark: { type: 'boolean' } } }] },
    Animal: { oneOf: [ref('Bird'), ref('Fish')] },
    Bird: { allOf: [ref('Animal'), { type: 'object', required: ['wings'], properties: { wings: { type: 'integer', minimum: 2 } } }] },
    Fish: { allOf: [ref('Animal'), { type: 'object', required: ['fins'], properties: { fins: { type: 'integer' } } }] },
    Shape: { anyOf: [ref('Circle'), ref('Square')] },
    Vehicle: { anyOf: [ref('Car'), ref('Bike')], discriminator: { propertyName: 'kind', mapping: { bike: '#/components/schemas/Bike', car: '#/components/schemas/Car' } } },
    Car: { allOf: [ref('Vehicle'), { type: 'object', required: ['kind', 'doors'], properties: { kind: { type: 'string' }, doors: { type: 'integer', minimum: 2 } } }] },
    Bike: { allOf: [ref('Vehicle'), { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } }] },
    Circle: { allOf: [ref('Shape'), { type: 'object', required: ['radius'], properties: { radius: { type: 'number', minimum: 3 } } }] },
    Square: { allOf: [ref('Shape'), { type: 'object', required: ['side'], properties: { side: { type: 'number' } } }] },
    Left: { allOf: [ref('Right'), { type: 'object', required: ['left'], properties: { left: { type: 'string', enum: ['L'] } } }] },
    Right: { allOf: [ref('Left'), { type: 'object', required: ['right'], properties: { right: { type: 'string', enum: ['R'] } } }] },
    Ping: { oneOf: [ref('Pong'), { type: 'string', enum: ['ping'] }] },
    Pong: { oneOf: [ref('Ping'), { type: 'integer', enum: [7] }] },
    Self: { allOf: [ref('Self'), { type: 'object', required: ['me'], properties: { me: { type: 'string', enum: ['me'] } } }] },
    LoopA: ref('LoopB'),
    LoopB: ref('LoopA'),
  };
  for (let hop = 0; hop < CHAIN_HOPS; hop++) schemas[`A${hop}`] = ref(`A${hop + 1}`);
  schemas[`A${CHAIN_HOPS}`] = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 42 } } };
  return {
    openapi: '3.0.3',
    info: { title: 'cycles', version: '1' },
    paths: {
      '/pets': post('createPet', 'Pet'),
      '/animals': post('createAnimal', 'Animal'),
      '/shapes': post('createShape', 'Shape'),
      '/vehicles': post('createVehicle', 'Vehicle'),
      '/cars': post('createCar', 'Car'),
      '/pairs': post('createPair', 'Left'),
      '/pings': post('createPing', 'Ping'),
      '/selves': post('createSelf', 'Self'),
      '/loops': post('createLoop', 'LoopA'),
      '/chain': post('createChained', 'A0'),
    },
    components: { schemas },
  };
}

describe('hostile specs: schemas that refer to themselves', function () {
  this.timeout(120_000);
  const temp = tempDirs('cycles');
  after(() => temp.cleanup());

  it('plan through the CLI: polymorphism, allOf/oneOf cycles, a self-allOf, a $ref cycle and a 10,000-hop $ref chain', () => {
    const dir = temp.make();
    fs.writeFileSync(path.join(dir, 'cycles.json'), JSON.stringify(cyclesSpec()));
    const run = runCliMeasured(['generate', 'cycles.json', '-o', 'out'], { cwd: dir, timeoutMs: 60_000 });
    console.log(`    generated in ${run.ms.toFixed(0)} ms, peak ${run.maxRssMb.toFixed(0)} MB`);
    expect(run.timedOut, 'perfplan did not finish within 60 s').to.equal(false);
    expect(run.stderr).to.not.match(/Maximum call stack|RangeError/);
    expect(run.stderr).to.not.match(STACK_LINE);
    expect(run.status, run.stderr).to.equal(0);

    const plan = (JSON.parse(fs.readFileSync(path.join(dir, 'out', 'plan.json'), 'utf8')) as { plan: TestPlan }).plan;
    const body = (operationId: string) => plan.requests.find((request) => request.operationId === operationId)?.body?.value;
    // The subtype chosen through the discriminator mapping, with the subtype's required properties.
    expect(body('createPet')).to.deep.equal({ petType: 'cat', lives: 1 });
    expect(body('createAnimal')).to.deep.equal({ wings: 2 });
    expect(body('createShape')).to.deep.equal({ radius: 3 });
    expect(body('createVehicle')).to.deep.equal({ kind: 'car', doors: 2 });
    // A subtype asked for directly: its base's choice is made (it is this subtype), the discriminator names it.
    expect(body('createCar')).to.deep.equal({ kind: 'car', doors: 2 });
    // allOf cycles: every schema of the cycle applies once.
    expect(body('createPair')).to.deep.equal({ left: 'L', right: 'R' });
    expect(body('createSelf')).to.deep.equal({ me: 'me' });
    // A oneOf cycle: the first branch that is not the cycle itself.
    expect(body('createPing')).to.be.oneOf(['ping', 7]);
    // The end of the chain, 10,000 $refs away.
    expect(body('createChained')).to.deep.equal({ id: 42 });
    // A cycle of bare $refs describes nothing: {} with a diagnostic naming where.
    expect(body('createLoop')).to.deep.equal({});
    const loop = plan.diagnostics.find((diagnostic) => diagnostic.code === 'data/ref-cycle');
    expect(loop?.pointer).to.equal('#/paths/~1loops/post/requestBody/content/application~1json/schema');

    for (const engine of ['k6', 'jmeter', 'locust']) expect(fs.readdirSync(path.join(dir, 'out', engine)), engine).to.not.be.empty;
    expect(fs.readFileSync(path.join(dir, 'out', 'k6', 'lib', 'requests.js'), 'utf8')).to.contain('"petType": "cat"');
  });
});
