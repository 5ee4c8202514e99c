import type { AuthPlan } from '../model/index.js';

/**
 * The rule every engine applies to an OAuth2 scheme's token request (credentials go only to
 * hosts the user named), mirrored here for the plan's documentation: the scheme's token URL
 * variable when set; else the spec's token URL when it is relative (taken below BASE_URL) or has
 * the same scheme, host and port as BASE_URL; else the run stops at start.
 */
export const TOKEN_URL_RULE =
  'OAuth2 token requests carry the client secret, so they go only to hosts you name: to `AUTH_<SCHEME>_TOKEN_URL` when it is set; ' +
  "otherwise to the spec's token URL only if it is relative (taken below `BASE_URL`) or on the same origin as `BASE_URL` " +
  '(same scheme, host and port: never another host, nor http when `BASE_URL` is https). Otherwise every engine stops the run at start, ' +
  'before any request, and names the variable to set. With `AUTH_<SCHEME>_TOKEN` set, no token is requested.';

/** Scheme, host and port of an absolute URL (default port written out), or undefined; as the engines compute it. */
export function originOf(url: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(url);
  if (match === null) return undefined;
  const hostPort = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::([0-9]*))?$/i.exec(match[2]!);
  if (hostPort === null) return undefined;
  const scheme = match[1]!.toLowerCase();
  const port = hostPort[2] || (scheme === 'https' ? '443' : scheme === 'http' ? '80' : '');
  return `${scheme}://${hostPort[1]!.toLowerCase()}:${port}`;
}

/** Whether the spec's token URL of `auth` is used as it is when BASE_URL is `baseUrl` and the token URL variable is unset. */
export function specTokenUrlAllowed(auth: Extract<AuthPlan, { tokenUrl: string }>, baseUrl: string): boolean {
  if (!/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(auth.tokenUrl)) return true;
  const resolved = auth.tokenUrl.startsWith('//') ? `${(/^[a-z][a-z0-9+.-]*:/i.exec(baseUrl) ?? ['https:'])[0]}${auth.tokenUrl}` : auth.tokenUrl;
  const origin = originOf(resolved);
  return origin !== undefined && origin === originOf(baseUrl);
}
