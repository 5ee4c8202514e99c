import { expect } from 'chai';
import { builtinAnalyzers, emptyAnalysis } from '../../src/analysis/index.js';
import { loadSpec } from '../../src/openapi/index.js';
import type { Analysis, Diagnostic } from '../../src/model/index.js';
import { fixtureSpec } from '../helpers/paths.js';

async function analyze(name: string): Promise<{ analysis: Analysis; diagnostics: Diagnostic[] }> {
  const { model } = await loadSpec({ file: fixtureSpec(name) });
  const diagnostics: Diagnostic[] = [];
  let analysis = emptyAnalysis();
  for (const analyzer of builtinAnalyzers) {
    analysis = await analyzer.analyze({ model, analysis, options: {}, report: (diagnostic) => diagnostics.push(diagnostic) });
  }
  return { analysis, diagnostics };
}

describe('built-in analyzers on the Petstore (OpenAPI 3.0)', () => {
  let analysis: Analysis;
  before(async () => {
    ({ analysis } = await analyze('swagger-petstore-oas3-1.0.27.yaml'));
  });
  const op = (id: string) => analysis.operations.find((operation) => operation.operationId === id)!;

  it('counts reads and writes', () => {
    expect(analysis.totals).to.deep.equal({ operations: 19, read: 8, write: 11, deprecated: 0 });
  });

  it('classifies uploadFile as file_upload from its octet-stream body', () => {
    expect(op('uploadFile').dataIntensive).to.deep.include({ category: 'file_upload', matchedIn: 'spec' });
    expect(op('uploadFile').category).to.equal('data_intensive');
  });

  it('marks login and logout critical, with the indicator and where it matched', () => {
    expect(op('loginUser').critical).to.deep.include({ indicator: 'login', matchedIn: 'path', value: '/user/login' });
    expect(op('logoutUser').critical).to.deep.include({ indicator: 'logout', matchedIn: 'path' });
    expect(op('loginUser').category).to.equal('critical');
    expect(op('getInventory').critical).to.equal(undefined);
  });

  it('reads auth requirements per operation, honouring alternatives', () => {
    expect(op('getPetById').auth).to.deep.equal({ required: true, alternatives: [['api_key'], ['petstore_auth']], schemeTypes: ['apiKey:header', 'oauth2'] });
    expect(op('loginUser').auth.required).to.equal(false);
    expect(analysis.authenticationRequired).to.equal(true);
  });

  it('infers producer → consumer dependencies by naming (POST /pet returns id → {petId})', () => {
    const edge = analysis.dependencies.find((candidate) => candidate.from === 'addPet' && candidate.to === 'getPetById');
    expect(edge?.source).to.equal('naming');
    expect(edge?.bindings).to.deep.equal([{ from: '$response.body#/id', to: 'path.petId' }]);
    expect(analysis.dependencies.some((candidate) => candidate.from === 'createUser' && candidate.to === 'getUserByName')).to.equal(true);
  });

  it('estimates complexity with reasons', () => {
    expect(analysis.complexity.level).to.be.oneOf(['medium', 'high']);
    expect(analysis.complexity.reasons.join(' ')).to.contain('OAuth2');
  });
});

describe('dependency analyzer on the OpenAPI link example', () => {
  it('turns response links into edges whose bindings carry the link parameters', async () => {
    const { analysis } = await analyze('oai-link-example-1.0.0.yaml');
    const merge = analysis.dependencies.find((edge) => edge.to === 'mergePullRequest');
    expect(merge?.from).to.equal('getPullRequestsById');
    expect(merge?.source).to.equal('link');
    expect(merge?.bindings).to.deep.include({ from: '$response.body#/id', to: 'path.pid' });
    expect(analysis.dependencies.filter((edge) => edge.source === 'link')).to.have.length(4);
  });

  it('reads a link expression that misses an array response from its first item, and says so', async () => {
    const { analysis, diagnostics } = await analyze('oai-link-example-1.0.0.yaml');
    const edge = analysis.dependencies.find((candidate) => candidate.from === 'getRepositoriesByOwner' && candidate.to === 'getRepository');
    expect(edge?.bindings).to.deep.equal([
      { from: '$response.body#/0/owner/username', to: 'path.username' },
      { from: '$response.body#/0/slug', to: 'path.slug' },
    ]);
    expect(diagnostics.filter((diagnostic) => diagnostic.code === 'analysis/link-pointer-adjusted')).to.have.length(2);
  });
});
