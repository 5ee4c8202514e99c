import { readJmeterJtl } from './jmeter-jtl.js';
import { readK6Json } from './k6-json.js';
import type { ResultsReader } from './samples.js';

/**
 * Results readers by engine name: each turns its file into Samples tagged with the test case id.
 * JMeter: a CSV JTL; k6: its JSON output (--out json=FILE). A Locust CSV reader plugs in here.
 */
export const RESULTS_READERS: Readonly<Record<string, ResultsReader>> = {
  jmeter: readJmeterJtl,
  k6: readK6Json,
};
