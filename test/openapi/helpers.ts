import path from 'node:path';
import type { OperationModel } from '../../src/model/index.js';
import { FIXTURES_DIR } from '../helpers/paths.js';

export function handwritten(name: string): string {
  return path.join(FIXTURES_DIR, 'openapi', name);
}

export function operation(operations: OperationModel[], id: string): OperationModel {
  const found = operations.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no operation ${id} among ${operations.map((candidate) => candidate.id).join(', ')}`);
  return found;
}
