import type { ApiModel, AuthPlan, EnvironmentVariable, OperationModel, RequestTemplate } from '../model/index.js';

function envPrefix(scheme: string, taken: Set<string>): string {
  const cleaned = scheme.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'SCHEME';
  const base = `AUTH_${cleaned}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

function secret(name: string, description: string): EnvironmentVariable {
  return { name, description, required: true, secret: true };
}

/** Short enough for PLAN.md's table; the whole rule follows the table (TOKEN_URL_RULE). */
function tokenUrlDescription(label: string): string {
  return `Token endpoint of OAuth2 scheme ${label}; when unset, the spec's, only if relative or on BASE_URL's origin, else the run stops at start`;
}

/** Scopes the planned requests ask of a scheme, sorted. */
function scopesFor(scheme: string, model: ApiModel, requests: readonly RequestTemplate[]): string[] {
  const operations = new Map<string, OperationModel>(model.operations.map((operation) => [operation.id, operation]));
  const scopes = new Set<string>();
  for (const request of requests) {
    if (!request.auth.includes(scheme)) continue;
    const requirements = operations.get(request.operationId)?.security ?? model.security;
    for (const requirement of requirements) for (const scope of requirement[scheme] ?? []) scopes.add(scope);
  }
  return [...scopes].sort();
}

/**
 * How scripts authenticate, by scheme type (never by name), and the environment variables
 * that carry the secrets. Only schemes some planned request uses are included.
 */
export function buildAuthPlan(model: ApiModel, requests: readonly RequestTemplate[]): { auth: AuthPlan[]; environment: EnvironmentVariable[] } {
  const used = new Set(requests.flatMap((request) => request.auth));
  const taken = new Set<string>();
  const auth: AuthPlan[] = [];
  const environment: EnvironmentVariable[] = [];
  for (const [scheme, definition] of Object.entries(model.securitySchemes)) {
    if (!used.has(scheme)) continue;
    const prefix = envPrefix(scheme, taken);
    const label = JSON.stringify(scheme);
    if (definition.type === 'http' && definition.scheme.toLowerCase() === 'basic') {
      auth.push({ scheme, type: 'basic', usernameEnv: `${prefix}_USERNAME`, passwordEnv: `${prefix}_PASSWORD` });
      environment.push(secret(`${prefix}_USERNAME`, `User name for HTTP basic scheme ${label}`), secret(`${prefix}_PASSWORD`, `Password for HTTP basic scheme ${label}`));
    } else if (definition.type === 'apiKey') {
      auth.push({ scheme, type: 'apiKey', in: definition.in, name: definition.name, valueEnv: prefix });
      environment.push(secret(prefix, `API key for scheme ${label} (sent in ${definition.in} ${JSON.stringify(definition.name)})`));
    } else if (definition.type === 'oauth2' && (definition.flows.clientCredentials?.tokenUrl || definition.flows.password?.tokenUrl)) {
      const scopes = scopesFor(scheme, model, requests);
      const common = {
        scheme,
        tokenUrlEnv: `${prefix}_TOKEN_URL`,
        clientIdEnv: `${prefix}_CLIENT_ID`,
        clientSecretEnv: `${prefix}_CLIENT_SECRET`,
        scopes,
        tokenEnv: `${prefix}_TOKEN`,
      };
      const clientCredentials = definition.flows.clientCredentials?.tokenUrl;
      const tokenUrl = clientCredentials ?? definition.flows.password!.tokenUrl!;
      const flow = clientCredentials ? 'client credentials' : 'password';
      environment.push(
        {
          name: `${prefix}_TOKEN`,
          description: `Access token for OAuth2 scheme ${label}; when set, no token is requested and the client id and secret are not needed`,
          required: false,
          secret: true,
        },
        { name: `${prefix}_TOKEN_URL`, description: tokenUrlDescription(label), required: false, secret: false },
        secret(`${prefix}_CLIENT_ID`, `OAuth2 client id for scheme ${label} (${flow} flow)`),
        secret(`${prefix}_CLIENT_SECRET`, `OAuth2 client secret for scheme ${label} (${flow} flow)`),
      );
      if (clientCredentials) {
        auth.push({ ...common, type: 'oauth2-client-credentials', tokenUrl });
      } else {
        auth.push({ ...common, type: 'oauth2-password', tokenUrl, usernameEnv: `${prefix}_USERNAME`, passwordEnv: `${prefix}_PASSWORD` });
        environment.push(
          secret(`${prefix}_USERNAME`, `Resource owner user name for OAuth2 scheme ${label}`),
          secret(`${prefix}_PASSWORD`, `Resource owner password for OAuth2 scheme ${label}`),
        );
      }
    } else if (definition.type === 'http' || definition.type === 'oauth2' || definition.type === 'openIdConnect') {
      auth.push({ scheme, type: 'bearer', tokenEnv: `${prefix}_TOKEN` });
      const how = definition.type === 'http' ? `HTTP ${definition.scheme} scheme` : `${definition.type} scheme (obtain it beforehand)`;
      environment.push(secret(`${prefix}_TOKEN`, `Bearer token for ${how} ${label}`));
    }
  }
  return { auth, environment };
}
