import { expect } from 'chai';
import { matchesIndicator, words } from '../../src/analysis/text-match.js';

describe('indicator matching', () => {
  it('splits camelCase, snake_case and paths into words', () => {
    expect(words('getUserLogin')).to.deep.equal(['get', 'user', 'login']);
    expect(words('/v1/payment_intents/{intent}/confirm')).to.deep.equal(['v1', 'payment', 'intents', 'intent', 'confirm']);
    expect(words('HTMLExport')).to.deep.equal(['html', 'export']);
  });

  it('matches whole words and their plural/-ing/-ed forms only', () => {
    expect(matchesIndicator('/orders', 'order')).to.equal(true);
    expect(matchesIndicator('/borders', 'order')).to.equal(false);
    expect(matchesIndicator('searchItems', 'search')).to.equal(true);
    expect(matchesIndicator('/listings', 'list')).to.equal(true);
    expect(matchesIndicator('/lists', 'list')).to.equal(true);
  });

  it('knows that auth covers authentication but not author', () => {
    expect(matchesIndicator('/oauth/authorize', 'auth')).to.equal(true);
    expect(matchesIndicator('userAuthentication', 'auth')).to.equal(true);
    expect(matchesIndicator('/authors/{id}', 'auth')).to.equal(false);
  });
});
