import fs from 'node:fs';
import path from 'node:path';

/**
 * The secret-looking files the seeded hostile run writes into the folder its specs are loaded
 * from, each with a unique marker. Generated specs `$ref` them from example positions; no marker
 * may reach any output. Every marker starts with PPMARK, like the fixture's (secret-refs-fixture.ts),
 * so `markersIn` there finds them too.
 */
export const SEEDED_SECRET_FILES: Readonly<Record<string, { contents: (marker: string) => string; marker: string }>> = {
  '.env': { marker: 'PPMARK-seeded-dotenv-5e1c07', contents: (marker) => `API_TOKEN=${marker}\n` },
  '.npmrc': { marker: 'PPMARK-seeded-npmrc-b9a214', contents: (marker) => `//registry.npmjs.org/:_authToken=${marker}\n` },
  id_rsa: { marker: 'PPMARK-seeded-idrsa-03f6d8', contents: (marker) => `-----BEGIN OPENSSH PRIVATE KEY-----\n${marker}\n-----END OPENSSH PRIVATE KEY-----\n` },
  'creds.json': { marker: 'PPMARK-seeded-credsjson-7d42ae', contents: (marker) => `${JSON.stringify({ token: marker, user: 'admin' })}\n` },
  '.secrets/x.yaml': { marker: 'PPMARK-seeded-dotdir-c810f5', contents: (marker) => `value: ${marker}\nschema: { type: string, example: ${marker} }\n` },
};

/**
 * A spec document beside the secrets that generated specs may `$ref` for real (a multi-file spec):
 * perfplan reads it, lists it (spec/external-file-read), and bundles it.
 */
export const SHARED_DOCUMENT = { path: 'shared/schemas.yaml', pointer: '#/Thing', contents: 'Thing: { type: object, properties: { shared: { type: string, example: PPSAFE-shared } } }\n' };

/** `$ref` targets a generated spec may use: each secret file, some with a fragment or a `./`. */
export const SECRET_REF_TARGETS = ['.env', './.env', '.npmrc', 'id_rsa', 'creds.json', 'creds.json#/token', '.secrets/x.yaml', '.secrets/x.yaml#/value'] as const;

/** Writes every secret file, and the shared spec document, into `dir` and returns it. */
export function writeSeededSecrets(dir: string): string {
  const files: Array<[string, string]> = Object.entries(SEEDED_SECRET_FILES).map(([name, { contents, marker }]) => [name, contents(marker)]);
  for (const [name, contents] of [...files, [SHARED_DOCUMENT.path, SHARED_DOCUMENT.contents] as [string, string]]) {
    const file = path.join(dir, ...name.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
  }
  return dir;
}
