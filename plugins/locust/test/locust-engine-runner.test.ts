import { expect } from 'chai';
import { locustBin, locustEngine, parseCsv } from '../../../tools/conformance/engines/locust.js';
import { LOCUST_BIN } from './render-locust.js';

describe('locust conformance runner', () => {
  it('reads Locust CSVs with quoted commas, quotes and newlines', () => {
    const text = 'Count,Message,Traceback,Nodes\r\n2,"boom, ""bad""","Traceback:\n  File ""x"", line 3",local\n';
    expect(parseCsv(text)).to.deep.equal([
      ['Count', 'Message', 'Traceback', 'Nodes'],
      ['2', 'boom, "bad"', 'Traceback:\n  File "x", line 3', 'local'],
    ]);
  });

  it('looks for the project-local Locust and says how to install it when absent', async () => {
    expect(locustBin()).to.equal(LOCUST_BIN);
    const available = await locustEngine.available();
    expect(available === true || (typeof available === 'string' && available.includes('scripts/install-locust.sh'))).to.equal(true);
  });
});
