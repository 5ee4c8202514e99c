import { expect } from 'chai';
import fc from 'fast-check';
import { terminalJson, terminalText } from '../../src/cli/terminal-text.js';

/** Lines a terminal or a GitHub Actions runner would act on. */
function hazards(output: string): string[] {
  return output.split('\n').filter(
    (line) =>
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/u.test(line) ||
      /^[\s\p{Default_Ignorable_Code_Point}]*::/u.test(line) ||
      /#[\p{Default_Ignorable_Code_Point}]*#[\p{Default_Ignorable_Code_Point}]*\[/u.test(line),
  );
}

describe('terminalText and terminalJson', () => {
  it('shows control and format characters as escapes, keeping tab and newline', () => {
    expect(terminalText('a\u001b]0;title\u0007b')).to.equal('a\\x1b]0;title\\x07b');
    expect(terminalText('x\u001b[2K\u001b[8my')).to.equal('x\\x1b[2K\\x1b[8my');
    expect(terminalText('shown\rhidden')).to.equal('shown\\x0dhidden');
    expect(terminalText('\u009b31m \u007f \u202e \u200b \u{e0001}')).to.equal('\\x9b31m \\x7f \\u202e \\u200b \\u{e0001}');
    expect(terminalText('a\tb\nc')).to.equal('a\tb\nc');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Wrote 25 files to out/ (14 test cases: p95 < 500 ms, 100 %, "quoted", é, 日本, 🙂).\n  error spec/x at #/paths: fix: a::b';
    expect(terminalText(text)).to.equal(text);
  });

  it('no line starts a workflow command, whatever comes before it on the line', () => {
    expect(terminalText('::error::x')).to.equal('\\x3a:error::x');
    expect(terminalText('title\n::add-mask::secret')).to.equal('title\n\\x3a:add-mask::secret');
    expect(terminalText('   \t::stop-commands::t')).to.equal('   \t\\x3a:stop-commands::t');
    expect(terminalText('\u00a0\u3000::error::x')).to.equal('\u00a0\u3000\\x3a:error::x');
    expect(terminalText('\u200b::error::x')).to.equal('\\u200b::error::x');
    expect(terminalText('\u034f::error::x')).to.equal('\u034f\\x3a:error::x');
    expect(terminalText('a ##[error]x and #\u034f#[warning]y')).to.equal('a #\\x23[error]x and #\u034f\\x23[warning]y');
    expect(terminalText('###[x')).to.not.contain('##[');
  });

  it('holds for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(hazards(terminalText(text))).to.deep.equal([]);
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it('terminalJson is the same JSON value, with nothing for a terminal or runner to act on', () => {
    const value = { title: '::error::x\n\u001b]0;t\u0007 ##[error]y \u009b \u202e \u{e0001} #\u034f#[', n: [1, '#', '##'] };
    const json = terminalJson(value);
    expect(JSON.parse(json)).to.deep.equal(value);
    expect(hazards(json)).to.deep.equal([]);
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 30 }), (data, text) => {
        const printed = terminalJson({ data, text });
        expect(JSON.parse(printed)).to.deep.equal(JSON.parse(JSON.stringify({ data, text })));
        expect(hazards(printed)).to.deep.equal([]);
      }),
      { seed: 12, numRuns: 1000 },
    );
  });
});
