import type { ApiModel, ServerModel } from '../model/index.js';

/** A server's URL with its variables at their defaults, as written otherwise (relative URLs stay relative), no trailing slash. */
export function serverUrlWithDefaults(server: ServerModel): string {
  return server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => server.variables[name]?.default ?? whole).replace(/\/+$/, '');
}

/** Whether a server URL (variables substituted) is absolute: `scheme://...` or `//host...`. */
export function isAbsoluteServerUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || url.startsWith('//');
}

/** The first server's URL with its variables at their defaults; relative URLs are put on localhost. */
export function defaultBaseUrl(model: ApiModel, configured?: string): string {
  if (configured) return configured.replace(/\/+$/, '');
  const server = model.servers[0];
  if (!server) return 'http://localhost:8080';
  const url = serverUrlWithDefaults(server);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  if (url.startsWith('//')) return `https:${url}`.replace(/\/+$/, '');
  return `http://localhost:8080${url.startsWith('/') ? '' : '/'}${url}`.replace(/\/+$/, '');
}

/** http(s) URL whose host is localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}
