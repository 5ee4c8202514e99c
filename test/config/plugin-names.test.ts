import { expect } from 'chai';
import { pluginPackageCandidates } from '../../src/config/index.js';
import { isPathSpecifier } from '../../src/config/plugin-names.js';

describe('pluginPackageCandidates', () => {
  const cases: Array<[string, string[]]> = [
    ['csv', ['perfplan-plugin-csv', '@perfplan/plugin-csv', 'csv']],
    ['perfplan-plugin-csv', ['perfplan-plugin-csv', '@perfplan/plugin-csv']],
    ['@acme/csv', ['@acme/perfplan-plugin-csv', '@acme/csv']],
    ['@acme/perfplan-plugin-csv', ['@acme/perfplan-plugin-csv']],
    ['@perfplan/plugin-csv', ['@perfplan/plugin-csv', 'perfplan-plugin-csv']],
    ['@perfplan/csv', ['@perfplan/plugin-csv', '@perfplan/perfplan-plugin-csv', '@perfplan/csv']],
    ['csv/extra', ['perfplan-plugin-csv/extra', '@perfplan/plugin-csv/extra', 'csv/extra']],
    ['not a name', []],
  ];
  for (const [name, expected] of cases) {
    it(`${name} → ${expected.join(', ') || '(none)'}`, () => {
      expect(pluginPackageCandidates(name)).to.deep.equal(expected);
    });
  }
});

describe('isPathSpecifier', () => {
  it('tells paths from package names', () => {
    for (const name of ['./x', '../x', '.', '/abs/x.js', 'C:\\x\\y.js', 'file:///x.js', '.\\x']) {
      expect(isPathSpecifier(name), name).to.equal(true);
    }
    for (const name of ['csv', '@acme/csv', 'perfplan-plugin-csv', 'csv/sub']) {
      expect(isPathSpecifier(name), name).to.equal(false);
    }
  });
});
