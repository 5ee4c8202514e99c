/** What `perfplan plugin new` can write. */
export const SCAFFOLD_KINDS = ['renderer', 'strategy', 'analyzer'] as const;
export type ScaffoldKind = (typeof SCAFFOLD_KINDS)[number];

const PREFIX = 'perfplan-plugin-';
// npm's rules for the part of a package name after the scope: lower case, URL-safe, no leading
// dot or underscore; 214 characters for the whole name.
const NAME_PART = /^[a-z0-9][a-z0-9._~-]*$/;
const MAX_PACKAGE_NAME = 214;

/**
 * Why `name` cannot be the NAME of `perfplan-plugin-NAME`, or undefined when it can. It also
 * names the plugin in config (`plugins: ['NAME']`, `engines: ['NAME']`).
 */
export function pluginNameProblem(name: string): string | undefined {
  if (name.startsWith(PREFIX)) return `leave out the "${PREFIX}" prefix: perfplan adds it (try "${name.slice(PREFIX.length)}")`;
  if (name === '') return 'it is empty';
  if (name !== name.toLowerCase()) return `npm package names are lower case (try "${name.toLowerCase()}")`;
  if (!NAME_PART.test(name)) return 'it may only hold a-z, 0-9, "-", ".", "_" and "~", and must start with a letter or digit';
  if (`${PREFIX}${name}`.length > MAX_PACKAGE_NAME) return `the package name would be longer than ${MAX_PACKAGE_NAME} characters`;
  return undefined;
}

export function pluginPackageName(name: string): string {
  return `${PREFIX}${name}`;
}
