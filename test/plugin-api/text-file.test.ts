import { expect } from 'chai';
import { asTextFile } from '../../src/plugin-api/index.js';

describe('asTextFile', () => {
  it('ends every file with exactly one LF and uses LF line ends', () => {
    expect(asTextFile('')).to.equal('\n');
    expect(asTextFile('\n\n')).to.equal('\n');
    expect(asTextFile('a')).to.equal('a\n');
    expect(asTextFile('a\n')).to.equal('a\n');
    expect(asTextFile('a\n\n\n')).to.equal('a\n');
    expect(asTextFile('a\r\nb\rc\r\n\r\n')).to.equal('a\nb\nc\n');
    expect(asTextFile('a\n\nb\n')).to.equal('a\n\nb\n');
  });

  it('returns contents that already end with one LF unchanged', () => {
    const large = `${'x'.repeat(1 << 20)}\n`;
    expect(asTextFile(large)).to.equal(large);
  });
});
