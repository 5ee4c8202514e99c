// Forked by output-kill.test.ts: rewrites one output folder forever, alternating two
// complete versions, until it is killed.
import { writeOutput } from '../../src/render/output-writer.js';

const outDir = process.argv[2];
const version = (tag: string) =>
  Array.from({ length: 200 }, (_, i) => ({ path: `d${i % 7}/f${i}.txt`, contents: `${tag}:${i}\n`.repeat(40) }));

let round = 0;
await writeOutput({ outDir, files: version('v1') });
process.send?.('ready');
for (;;) {
  round++;
  await writeOutput({ outDir, files: version(round % 2 === 0 ? 'v1' : 'v2') });
}
