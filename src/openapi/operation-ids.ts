import type { HttpMethod } from '../model/index.js';
import { DiagnosticSink, SpecDiagnosticCode } from './diagnostics.js';

export interface OperationIdInput {
  /** The operationId as written, if any. */
  operationId: unknown;
  method: HttpMethod;
  path: string;
  pointer: string;
}

export interface AssignedId {
  id: string;
  idDerived: boolean;
}

/** `get` + `/pets/{petId}` → `get_pets_petId`. */
export function deriveOperationId(method: HttpMethod, path: string): string {
  const base = path.replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
  return `${method}_${base || 'root'}`;
}

/**
 * Gives every operation a unique id, deterministically: operationIds as written first (a repeated
 * one is reported), then derived ids for the rest in document order, with `_2`, `_3`... on collision.
 */
export function assignOperationIds(operations: readonly OperationIdInput[], sink: DiagnosticSink): AssignedId[] {
  const used = new Set<string>();
  const assigned: (AssignedId | undefined)[] = operations.map((operation) => {
    const { operationId } = operation;
    if (operationId === undefined) return undefined;
    if (typeof operationId !== 'string' || operationId.trim() === '') {
      sink.report({
        code: SpecDiagnosticCode.invalidOperationId,
        pointer: `${operation.pointer}/operationId`,
        message: `operationId ${JSON.stringify(operationId)} is not a non-empty string; an id is derived from method and path instead.`,
        fix: 'Give the operation a unique string operationId.',
      });
      return undefined;
    }
    if (used.has(operationId)) {
      sink.report({
        code: SpecDiagnosticCode.duplicateOperationId,
        pointer: `${operation.pointer}/operationId`,
        message: `operationId "${operationId}" is used by more than one operation; this one gets a numbered id.`,
        fix: 'Give every operation a unique operationId (links and config refer to operations by it).',
      });
      return undefined;
    }
    used.add(operationId);
    return { id: operationId, idDerived: false };
  });
  return operations.map((operation, index) => {
    const explicit = assigned[index];
    if (explicit) return explicit;
    const base = typeof operation.operationId === 'string' && operation.operationId.trim() !== '' ? operation.operationId : deriveOperationId(operation.method, operation.path);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return { id, idDerived: true };
  });
}
