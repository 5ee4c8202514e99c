import { expect } from 'chai';
import { createOperationMatcher } from '../../tools/conformance/operation-matcher.js';

describe('conformance: matching requests to plan operations', () => {
  const match = createOperationMatcher([
    { operationId: 'getPetById', method: 'get', path: '/pet/{petId}' },
    { operationId: 'findPetsByStatus', method: 'get', path: '/pet/findByStatus' },
    { operationId: 'deletePet', method: 'delete', path: '/pet/{petId}' },
    { operationId: 'fetchCall', method: 'get', path: '/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json' },
  ]);

  it('matches path templates by method, literal segments winning over parameters', () => {
    expect(match('GET', '/pet/12')).to.equal('getPetById');
    expect(match('GET', '/pet/findByStatus')).to.equal('findPetsByStatus');
    expect(match('DELETE', '/pet/12')).to.equal('deletePet');
  });

  it('matches parameters inside a segment and percent-encoded values', () => {
    expect(match('GET', '/2010-04-01/Accounts/AC123/Calls/CA9.json')).to.equal('fetchCall');
    expect(match('GET', '/pet/a%20b')).to.equal('getPetById');
  });

  it('matches nothing for another method, a longer path or the servers base path', () => {
    expect(match('PUT', '/pet/12')).to.equal(undefined);
    expect(match('GET', '/pet/12/extra')).to.equal(undefined);
    expect(match('GET', '/api/v3/pet/12')).to.equal(undefined);
  });
});
