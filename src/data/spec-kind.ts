import type { SpecKind } from '../model/index.js';

/** The spec version of a document, from its `openapi` / `swagger` field. */
export function specKindOf(document: Record<string, unknown>): SpecKind {
  if (typeof document.swagger === 'string') return 'swagger-2.0';
  const version = typeof document.openapi === 'string' ? document.openapi : '';
  return version.startsWith('3.0') || version === '' ? 'openapi-3.0' : 'openapi-3.1';
}
