import type { ApiModel, AuthPlan, EnvironmentVariable, RequestTemplate } from '../model/index.js';

function envName(scheme: string, taken: Set<string>): string {
  const base = `AUTH_${scheme.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'SCHEME'}`;
  let name = /^[A-Z_]/.test(base) ? base : `_${base}`;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

/**
 * How scripts authenticate, by scheme type (never by name), and the environment variables
 * that carry the secrets. Only schemes some request uses are included.
 */
export function buildAuthPlan(model: ApiModel, requests: readonly RequestTemplate[]): { auth: AuthPlan[]; environment: EnvironmentVariable[] } {
  const used = new Set(requests.flatMap((request) => request.auth));
  const taken = new Set<string>();
  const auth: AuthPlan[] = [];
  const environment: EnvironmentVariable[] = [];
  for (const [scheme, definition] of Object.entries(model.securitySchemes)) {
    if (!used.has(scheme)) continue;
    const prefix = envName(scheme, taken);
    if (definition.type === 'http' && definition.scheme.toLowerCase() === 'basic') {
      auth.push({ scheme, type: 'basic', usernameEnv: `${prefix}_USERNAME`, passwordEnv: `${prefix}_PASSWORD` });
      environment.push(
        { name: `${prefix}_USERNAME`, description: `User name for HTTP basic scheme "${scheme}"`, required: true, secret: true },
        { name: `${prefix}_PASSWORD`, description: `Password for HTTP basic scheme "${scheme}"`, required: true, secret: true },
      );
    } else if (definition.type === 'apiKey') {
      auth.push({ scheme, type: 'apiKey', in: definition.in, name: definition.name, valueEnv: prefix });
      environment.push({
        name: prefix,
        description: `API key for scheme "${scheme}" (sent in ${definition.in} "${definition.name}")`,
        required: true,
        secret: true,
      });
    } else if (definition.type === 'http' || definition.type === 'oauth2' || definition.type === 'openIdConnect') {
      auth.push({ scheme, type: 'bearer', tokenEnv: `${prefix}_TOKEN` });
      environment.push({
        name: `${prefix}_TOKEN`,
        description: `Bearer token for ${definition.type} scheme "${scheme}"${definition.type === 'http' ? '' : ' (obtained beforehand)'}`,
        required: true,
        secret: true,
      });
    }
  }
  return { auth, environment };
}
