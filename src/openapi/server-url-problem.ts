/**
 * Why a server URL (its variables at their defaults) cannot be a base URL, or undefined when it
 * can: placeholders like `Your API URL` or a Swagger 2.0 basePath with `{apikey}` in it would be
 * sent as written.
 */
export function serverUrlProblem(url: string, variables: Readonly<Record<string, { default: string }>> = {}): string | undefined {
  const unknown = [...url.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]).filter((name) => variables[name] === undefined);
  if (unknown.length > 0) return `${unknown.map((name) => `{${name}}`).join(', ')} ${unknown.length === 1 ? 'is not a server variable' : 'are not server variables'}`;
  const resolved = url.replace(/\{([^{}]*)\}/g, (_whole, name: string) => variables[name]?.default ?? '');
  if (/[\s<>"{}|\\^`]/.test(resolved)) return 'it has characters a URL cannot have (spaces, quotes, braces)';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(resolved)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return `its scheme ${scheme} is not http or https`;
  try {
    new URL(resolved, 'http://base.invalid/');
  } catch {
    return 'it is not a URL';
  }
  return undefined;
}
