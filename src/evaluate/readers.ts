import { readJmeterJtl } from './jmeter-jtl.js';
import type { ResultsReader } from './samples.js';

/**
 * Results readers by engine name. A k6 summary (handleSummary JSON) or Locust CSV reader
 * plugs in here: it only has to turn its file into Samples tagged with the test case id.
 */
export const RESULTS_READERS: Readonly<Record<string, ResultsReader>> = {
  jmeter: readJmeterJtl,
};
