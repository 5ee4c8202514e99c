import { expect } from 'chai';
import { DiagnosticSink } from '../../src/openapi/diagnostics.js';
import { assignOperationIds, deriveOperationId } from '../../src/openapi/operation-ids.js';

describe('operation ids', () => {
  it('derives [A-Za-z0-9_] ids from method and path', () => {
    expect(deriveOperationId('get', '/pets/{petId}')).to.equal('get_pets_petId');
    expect(deriveOperationId('post', '/chat.postMessage')).to.equal('post_chat_postMessage');
    expect(deriveOperationId('get', '/Accounts/{AccountSid}/Calls/{Sid}.json')).to.equal('get_Accounts_AccountSid_Calls_Sid_json');
    expect(deriveOperationId('get', '/')).to.equal('get_root');
  });

  it('never lets a derived id take an explicit one, and numbers collisions in document order', () => {
    const sink = new DiagnosticSink('spec.yaml');
    const ids = assignOperationIds(
      [
        { operationId: undefined, method: 'get', path: '/pets', pointer: '#/paths/~1pets/get' },
        { operationId: 'get_pets', method: 'get', path: '/animals', pointer: '#/paths/~1animals/get' },
        { operationId: undefined, method: 'get', path: '/pets/', pointer: '#/paths/~1pets~1/get' },
        { operationId: 42, method: 'put', path: '/pets', pointer: '#/paths/~1pets/put' },
      ],
      sink,
    );
    expect(ids).to.deep.equal([
      { id: 'get_pets_2', idDerived: true },
      { id: 'get_pets', idDerived: false },
      { id: 'get_pets_3', idDerived: true },
      { id: 'put_pets', idDerived: true },
    ]);
    expect(sink.diagnostics.map((d) => [d.code, d.pointer])).to.deep.equal([['spec/invalid-operation-id', '#/paths/~1pets/put/operationId']]);
  });
});
