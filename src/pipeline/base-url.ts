import type { ApiModel } from '../model/index.js';

/** The first server's URL with its variables at their defaults; relative URLs are put on localhost. */
export function defaultBaseUrl(model: ApiModel, configured?: string): string {
  if (configured) return configured.replace(/\/+$/, '');
  const server = model.servers[0];
  if (!server) return 'http://localhost:8080';
  const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => server.variables[name]?.default ?? whole);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url.replace(/\/+$/, '');
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
