import { expect } from 'chai';
import type { PipelineSettings } from '../../src/pipeline/index.js';
import type { PlanResult } from '../../src/pipeline/index.js';
import type { Workflow } from '../../src/model/index.js';
import { fixtureSpec } from '../helpers/paths.js';
import { builtinPlugins, createContainer, pipelineOf } from '../../src/di/index.js';

async function plan(spec: string, settings: Partial<PipelineSettings> = {}): Promise<PlanResult> {
  return pipelineOf(createContainer({ plugins: builtinPlugins(), settings })).plan(fixtureSpec(spec));
}

function stepOf(workflow: Workflow, operationId: string) {
  const step = workflow.steps.find((candidate) => candidate.operationId === operationId);
  if (!step) throw new Error(`${workflow.id} has no step ${operationId}`);
  return step;
}

describe('workflows', () => {
  it('the OpenAPI link example yields workflows whose steps carry the values its links describe', async () => {
    const { plan: testPlan } = await plan('oai-link-example-1.0.0.yaml');
    const chain = testPlan.workflows.find((workflow) => workflow.steps[0]?.operationId === 'getUserByName');
    expect(chain?.category).to.equal('links');
    expect(chain!.steps.map((step) => step.operationId)).to.deep.equal([
      'getUserByName',
      'getRepositoriesByOwner',
      'getRepository',
      'getPullRequestsByRepository',
    ]);
    const user = stepOf(chain!, 'getUserByName');
    expect(user.extract).to.deep.include({ variable: 'getUserByName_username', from: '$response.body#/username' });
    expect(stepOf(chain!, 'getRepositoriesByOwner').inject).to.deep.include({ variable: 'getUserByName_username', to: 'path.username' });
    const repository = stepOf(chain!, 'getRepository');
    expect(repository.inject.map((injection) => injection.to).sort()).to.deep.equal(['path.slug', 'path.username']);

    const merge = testPlan.workflows.find((workflow) => workflow.steps.some((step) => step.operationId === 'mergePullRequest'));
    expect(merge!.steps.map((step) => step.operationId)).to.deep.equal(['getPullRequestsById', 'mergePullRequest']);
    expect(stepOf(merge!, 'getPullRequestsById').extract.map((extraction) => extraction.from).sort()).to.deep.equal([
      '$response.body#/author/username',
      '$response.body#/id',
      '$response.body#/repository/slug',
    ]);
    expect(stepOf(merge!, 'mergePullRequest').inject.map((injection) => injection.to).sort()).to.deep.equal(['path.pid', 'path.slug', 'path.username']);
    // every workflow has a test case that runs it
    for (const workflow of testPlan.workflows) {
      expect(testPlan.testCases.some((testCase) => testCase.type === 'workflow' && testCase.workflowId === workflow.id)).to.equal(true);
    }
  });

  it('the Petstore yields a pet lifecycle create → read → update → delete carrying the new id', async () => {
    const { plan: testPlan } = await plan('swagger-petstore-oas3-1.0.27.yaml');
    const pet = testPlan.workflows.find((workflow) => workflow.id === 'workflow_lifecycle_pet');
    expect(pet?.category).to.equal('lifecycle');
    expect(pet!.steps.map((step) => step.operationId)).to.deep.equal(['addPet', 'getPetById', 'updatePetWithForm', 'deletePet']);
    expect(pet!.steps[0].extract).to.deep.equal([{ variable: 'addPet_id', from: '$response.body#/id' }]);
    for (const step of pet!.steps.slice(1)) expect(step.inject).to.deep.equal([{ variable: 'addPet_id', to: 'path.petId' }]);
  });

  it('the Petstore yields an authentication workflow with the reference weights', async () => {
    const { plan: testPlan } = await plan('swagger-petstore-oas3-1.0.27.yaml');
    const auth = testPlan.workflows.find((workflow) => workflow.category === 'authentication');
    expect(auth!.steps.map((step) => [step.operationId, step.weight])).to.deep.equal([
      ['createUser', 0.1],
      ['loginUser', 0.8],
      ['findPetsByStatus', 0.1],
    ]);
    expect(stepOf(auth!, 'loginUser').inject).to.deep.include({ variable: 'createUser_username', to: 'query.username' });
    expect(auth!.criteria).to.deep.equal({ completionRate: 0.95, meanWorkflowMs: 10000, errorRate: 0.02 });
  });

  it('a config workflow is planned by operationId', async () => {
    const result = await plan('swagger-petstore-oas3-1.0.27.yaml', {
      workflows: [
        { name: 'buy a pet', key: 'workflows[0]', steps: [{ operationId: 'findPetsByStatus' }, { operationId: 'placeOrder', weight: 0.5 }, { operationId: 'getOrderById' }] },
      ],
    });
    const buy = result.plan.workflows.find((workflow) => workflow.id === 'workflow_buy_a_pet');
    expect(buy?.category).to.equal('custom');
    expect(buy!.steps.map((step) => step.weight)).to.deep.equal([1, 0.5, 1]);
    expect(stepOf(buy!, 'getOrderById').inject).to.deep.equal([{ variable: 'placeOrder_id', to: 'path.orderId' }]);
    expect(result.plan.testCases.filter((testCase) => testCase.type === 'load')).to.have.length(19);
  });

  it('a config workflow naming an operation the spec does not have stops planning with its key and a suggestion', async () => {
    const workflows = [
      { name: 'buy a pet', key: 'workflows[0]', steps: [{ operationId: 'findPetsByStatus' }] },
      { name: 'broken', key: 'workflows[1]', steps: [{ operationId: 'addPet' }, { operationId: 'getPetByld' }] },
    ];
    let caught: unknown;
    try {
      await plan('swagger-petstore-oas3-1.0.27.yaml', { workflows });
    } catch (error) {
      caught = error;
    }
    const error = caught as { code?: string; pointer?: string; message?: string; exitCode?: number };
    expect(error?.code).to.equal('config/workflow-unknown-operation');
    expect(error.exitCode).to.equal(2);
    expect(error.pointer).to.equal('workflows[1].steps[1].operationId');
    expect(error.message).to.contain('"getPetByld"').and.contain('did you mean "getPetById"?');
  });
});
