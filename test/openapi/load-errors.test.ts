import { expect } from 'chai';
import { isPerfplanError, type PerfplanError } from '../../src/errors/index.js';
import { loadSpec } from '../../src/openapi/index.js';
import { handwritten } from './helpers.js';

async function loadError(file: string): Promise<PerfplanError> {
  try {
    await loadSpec({ file });
  } catch (error) {
    if (isPerfplanError(error)) return error;
    throw error;
  }
  throw new Error(`loadSpec(${file}) did not throw`);
}

describe('loadSpec errors', () => {
  it('spec/not-found (exit 2) names the missing path and says how to fix it', async () => {
    const file = handwritten('does-not-exist.yaml');
    const error = await loadError(file);
    expect(error).to.include({ code: 'spec/not-found', exitCode: 2, file });
    expect(error.message).to.contain(file);
    expect(error.fix).to.be.a('string').and.not.equal('');
  });

  it('spec/parse-error (exit 1) for malformed YAML gives line and column', async () => {
    const error = await loadError(handwritten('malformed.yaml'));
    expect(error).to.include({ code: 'spec/parse-error', exitCode: 1 });
    expect(error.message).to.contain('line 9, column 6');
  });

  it('spec/parse-error for malformed JSON gives line and column', async () => {
    const error = await loadError(handwritten('broken-json.json'));
    expect(error.code).to.equal('spec/parse-error');
    expect(error.message).to.match(/line 4, column \d+/);
  });

  it('spec/not-openapi (exit 1) for JSON without openapi/swagger', async () => {
    const error = await loadError(handwritten('not-openapi.json'));
    expect(error).to.include({ code: 'spec/not-openapi', exitCode: 1 });
  });

  it('spec/unsupported-version (exit 1) for openapi 4.0.0 and swagger 1.2', async () => {
    const four = await loadError(handwritten('openapi-4.yaml'));
    expect(four).to.include({ code: 'spec/unsupported-version', exitCode: 1, pointer: '#/openapi' });
    expect(four.message).to.contain('4.0.0');
    const old = await loadError(handwritten('swagger-1.2.json'));
    expect(old).to.include({ code: 'spec/unsupported-version', pointer: '#/swagger' });
    expect(old.message).to.contain('1.2');
  });
});
