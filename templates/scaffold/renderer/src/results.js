import { resultsError } from 'perfplan/plugin';

/** @typedef {import('perfplan/plugin').ResultSample} ResultSample */

const FIX = 'Pass the output of smoke.mjs (one JSON object per line), unchanged.';

/**
 * Reads what smoke.mjs prints: one JSON object per line. A line it cannot read stops
 * perfplan evaluate with the file, the line and what to do (resultsError).
 * @type {import('perfplan/plugin').ReadResults}
 */
export function readResults({ files }) {
  /** @type {ResultSample[]} */
  const samples = [];
  for (const file of files) {
    const lines = file.text.split('\n');
    for (const [index, line] of lines.entries()) {
      if (line.trim() === '') continue;
      samples.push(sampleOf(line, { file: file.path, line: index + 1 }));
    }
  }
  return samples;
}

/**
 * @param {string} line
 * @param {{ file: string, line: number }} where
 * @returns {ResultSample}
 */
function sampleOf(line, where) {
  /** @type {unknown} */
  let record;
  try {
    record = JSON.parse(line);
  } catch {
    throw resultsError({ ...where, message: 'this line is not JSON', fix: FIX });
  }
  if (record === null || typeof record !== 'object') throw resultsError({ ...where, message: 'this line is not a JSON object', fix: FIX });
  const value = /** @type {Record<string, unknown>} */ (record);
  for (const [key, type] of [['testCase', 'string'], ['label', 'string'], ['startMs', 'number'], ['elapsedMs', 'number'], ['success', 'boolean']]) {
    if (typeof value[key] !== type) throw resultsError({ ...where, message: `"${key}" should be a ${type}`, fix: FIX });
  }
  return {
    kind: 'request',
    testCase: /** @type {string} */ (value.testCase),
    label: /** @type {string} */ (value.label),
    startMs: /** @type {number} */ (value.startMs),
    elapsedMs: /** @type {number} */ (value.elapsedMs),
    success: /** @type {boolean} */ (value.success),
    responseCode: typeof value.responseCode === 'string' ? value.responseCode : '',
    failureMessage: typeof value.failureMessage === 'string' ? value.failureMessage : '',
  };
}
