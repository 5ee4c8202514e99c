import type { AuthPlan, JsonValue, RequestBody, RequestParameter, RequestTemplate, WireHole, WirePiece, Workflow, WorkflowStep, XmlNode } from '../../src/plugin-api/index.js';
import { wireText } from '../../src/plugin-api/index.js';

/** A request for one operation, with only what a test gives. */
export function request(fields: Partial<RequestTemplate> & { parameters?: RequestParameter[]; body?: RequestBody }): RequestTemplate {
  return { operationId: 'op', method: 'post', path: '/r', parameters: [], expectedStatuses: [200], auth: [], ...fields };
}

/** Pieces as text, each hole written `<context:what>` so that a test sees where it sits. */
export function shown(pieces: readonly WirePiece[]): string {
  return wireText(pieces, (hole: WireHole) => `<${hole.context}:${label(hole)}>`);
}

function label(hole: WireHole): string {
  const { source } = hole;
  if (source.kind === 'variation') return `v${source.index}`;
  if (source.kind === 'injection') return source.variable;
  return `${source.auth.scheme}.${source.part}`;
}

export const COLOR_STRING: JsonValue = 'blue';
export const COLOR_ARRAY: JsonValue = ['blue', 'black', 'brown'];
export const COLOR_OBJECT: JsonValue = { R: 100, G: 200, B: 150 };

export const AUTH: AuthPlan[] = [
  { scheme: 'bearer', type: 'bearer', tokenEnv: 'TOKEN' },
  { scheme: 'basic', type: 'basic', usernameEnv: 'USER', passwordEnv: 'PASS' },
  { scheme: 'keyHeader', type: 'apiKey', in: 'header', name: 'X-Key', valueEnv: 'KEY_H' },
  { scheme: 'keyQuery', type: 'apiKey', in: 'query', name: 'api key', valueEnv: 'KEY_Q' },
  { scheme: 'keyCookie', type: 'apiKey', in: 'cookie', name: 'sid', valueEnv: 'KEY_C' },
  { scheme: 'oauth', type: 'oauth2-client-credentials', tokenUrl: '/token', tokenUrlEnv: 'TU', clientIdEnv: 'CI', clientSecretEnv: 'CS', scopes: [], tokenEnv: 'OT' },
];

/** A custom workflow `w` of these steps. */
export function workflowOf(steps: WorkflowStep[]): Workflow {
  return { id: 'w', name: 'w', category: 'custom', rationale: '', criteria: { completionRate: 1, meanWorkflowMs: 1, errorRate: 0 }, steps };
}

/** An XML shape with a renamed element, a wrapped array with item names, and a prefixed namespace with an attribute. */
export const NOTE_XML: XmlNode = {
  name: 'note',
  properties: {
    name: { name: 'title' },
    tags: { name: 'tags', wrapped: true, items: { name: 'tag' } },
    owner: { name: 'owner', namespace: 'https://example.com/o', prefix: 'o', properties: { id: { name: 'id', attribute: true } } },
  },
};
