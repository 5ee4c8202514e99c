import { expect } from 'chai';
import fs from 'node:fs';
import type { RecordedRequest } from '../../tools/conformance/recording-proxy.js';
import type { EngineConformance } from '../../tools/conformance/summarize.js';

/** The records of one spec × engine run (runs/<spec>/<engine>/requests.json). */
export function recordsOf(file: string): RecordedRequest[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RecordedRequest[];
}

/**
 * The wire check of one spec × engine: every request for a planned operation compared with the
 * kit's wire form, none different, and every called operation compared (unless the engine's
 * requests for some operations cannot be told apart: then the check picks one of them).
 */
export function expectWireMatches(result: EngineConformance, records: readonly RecordedRequest[], label: string): void {
  const mapped = records.filter((record) => record.operationId !== undefined);
  expect(result.wire.mismatches, `${label}: requests that differ from the kit's wire form`).to.deep.equal([]);
  expect(result.wire.compared, `${label}: every request for a planned operation is compared`).to.equal(mapped.length);
  expect(result.wire.compared, `${label}: requests were compared`).to.be.greaterThan(0);
  if (!records.some((record) => (record.candidates?.length ?? 0) > 1)) {
    expect(result.wire.operationsCompared, `${label}: every called operation is compared`).to.equal(result.operationsCalled);
  }
}
