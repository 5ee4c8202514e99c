const PREFIX = 'perfplan-plugin-';
const OFFICIAL_SCOPE = '@perfplan';
const OFFICIAL_PREFIX = 'plugin-';

// An npm package name (optionally scoped) with an optional subpath.
const PACKAGE_NAME = /^(?:(@[a-z0-9-~][a-z0-9-._~]*)\/)?([a-z0-9-~][a-z0-9-._~]*)(\/.+)?$/i;

export function isPathSpecifier(name: string): boolean {
  return (
    name === '.' ||
    name === '..' ||
    /^\.{1,2}[\\/]/.test(name) ||
    /^[\\/]/.test(name) ||
    /^[a-zA-Z]:[\\/]/.test(name) ||
    /^file:/i.test(name)
  );
}

export function isPackageName(name: string): boolean {
  return PACKAGE_NAME.test(name);
}

/**
 * Package names to try for a plugin name, in order:
 * `csv` → perfplan-plugin-csv, @perfplan/plugin-csv, csv;
 * `@acme/csv` → @acme/perfplan-plugin-csv, @acme/csv;
 * names already in plugin form (`perfplan-plugin-csv`, `@acme/perfplan-plugin-csv`, `@perfplan/plugin-csv`)
 * first as given. A subpath (`csv/extra`) stays on every candidate.
 */
export function pluginPackageCandidates(name: string): string[] {
  const match = PACKAGE_NAME.exec(name);
  if (match === null) return [];
  const [, scope, base, subpath = ''] = match;
  const unprefixed = base.startsWith(PREFIX) ? base.slice(PREFIX.length) : base;
  const candidates: string[] = [];
  if (scope === undefined) {
    if (base.startsWith(PREFIX)) candidates.push(base);
    candidates.push(`${PREFIX}${unprefixed}`, `${OFFICIAL_SCOPE}/${OFFICIAL_PREFIX}${unprefixed}`, base);
  } else if (scope === OFFICIAL_SCOPE) {
    if (base.startsWith(OFFICIAL_PREFIX)) {
      candidates.push(`${scope}/${base}`, `${PREFIX}${base.slice(OFFICIAL_PREFIX.length)}`);
    } else {
      candidates.push(`${scope}/${OFFICIAL_PREFIX}${unprefixed}`, `${scope}/${PREFIX}${unprefixed}`, `${scope}/${base}`);
    }
  } else {
    if (base.startsWith(PREFIX)) candidates.push(`${scope}/${base}`);
    candidates.push(`${scope}/${PREFIX}${unprefixed}`, `${scope}/${base}`);
  }
  return [...new Set(candidates)].map((candidate) => `${candidate}${subpath}`);
}

/** `@acme/perfplan-plugin-x/sub` → `@acme/perfplan-plugin-x`. */
export function packageNameOf(specifier: string): string {
  const match = PACKAGE_NAME.exec(specifier);
  if (match === null) return specifier;
  return match[1] === undefined ? match[2] : `${match[1]}/${match[2]}`;
}
