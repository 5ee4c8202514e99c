import fc from 'fast-check';
import { TERMINAL_PAYLOADS } from '../hostile-strings.js';
import type { Dialect } from './dialect.js';
import type { JsonObject, SpecPart } from './types.js';

/**
 * Terminal escapes and CI workflow commands in printed text. The spec's header strings carry
 * them (see the case's text flavour); this part adds an operation whose body refers to a schema
 * that does not exist, named with a payload, so the diagnostics validate prints carry one too.
 */
export function terminalTextPart(dialect: Dialect): fc.Arbitrary<SpecPart> {
  return fc.constantFrom(...TERMINAL_PAYLOADS).map((payload): SpecPart => {
    const operation: JsonObject = { operationId: 'terminalText', responses: { '200': { description: 'ok' } } };
    dialect.addJsonBody(operation, { $ref: dialect.schemaRef(`Missing ${payload}`) });
    return { operations: [{ path: '/terminal-text', method: 'post', operation }] };
  });
}
