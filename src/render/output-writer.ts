import { prepareOutputFiles, type OutputFile } from './output-files.js';
import { openOutput, type OpenOutputOptions, type WriteResult } from './output-session.js';

export type { OutputFile } from './output-files.js';
export type { OpenOutputOptions, OutputDifferences, OutputFileSummary, OutputSession, WriteResult } from './output-session.js';

export interface WriteOutputOptions extends OpenOutputOptions {
  files: readonly OutputFile[];
}

/**
 * Writes the generated files as the complete content of `outDir`, replacing what was there
 * only once the new content is complete (see openOutput, which this does in one go for files
 * already in memory). Validates all paths first; refuses to replace folders perfplan did not
 * write unless `force`.
 */
export async function writeOutput(options: WriteOutputOptions): Promise<WriteResult> {
  prepareOutputFiles(options.files);
  const session = await openOutput(options);
  try {
    for (const file of options.files) await session.add(file);
    return await session.finish();
  } catch (error) {
    await session.abort();
    throw error;
  }
}
