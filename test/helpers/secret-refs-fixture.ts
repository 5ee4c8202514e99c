import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR } from './paths.js';

/**
 * test/fixtures/openapi/secret-refs: secret-looking files beside two specs (OpenAPI 3.0 and
 * Swagger 2.0) that `$ref` them from every place a request value can come from.
 */
export const SECRET_REFS_DIR = path.join(FIXTURES_DIR, 'openapi', 'secret-refs');
export const SECRET_REFS_OAS3 = path.join(SECRET_REFS_DIR, 'openapi.yaml');
export const SECRET_REFS_SWAGGER2 = path.join(SECRET_REFS_DIR, 'swagger.yaml');

/** Each secret file and the unique marker it holds: none may reach any output or any request. */
export const SECRET_MARKERS: Readonly<Record<string, string>> = {
  '.env': 'PPMARK-dotenv-7c21e9',
  '.npmrc': 'PPMARK-npmrc-3b8d40',
  id_rsa: 'PPMARK-idrsa-a5f613',
  'creds.json': 'PPMARK-credsjson-91c0d7',
  'notes.txt': 'PPMARK-notestxt-44e2b8',
  '.secrets/x.yaml': 'PPMARK-dotdir-e07f5a',
};

/** Every marker shares this prefix: a search for it also catches a marker cut or re-encoded around it. */
export const MARKER_PREFIX = 'PPMARK';

/** Values the specs give inline (controls): they must arrive, or a check for the markers proves nothing. */
export const SAFE_VALUES = {
  oas3: ['PPSAFE-param-visible', 'PPSAFE-enum-visible', 'PPSAFE-body-visible', 'PPSAFE-external-visible', 'PPSAFE-form-visible'],
  swagger2: ['PPSAFE-s2-param-visible', 'PPSAFE-s2-enum-visible', 'PPSAFE-s2-form-visible'],
} as const;

/** Throws unless every secret file is in place and holds its marker (a fixture that lost one would prove nothing). */
export function assertSecretFixture(): void {
  for (const [file, marker] of Object.entries(SECRET_MARKERS)) {
    const text = fs.readFileSync(path.join(SECRET_REFS_DIR, file), 'utf8');
    if (!text.includes(marker)) throw new Error(`fixture ${file} lost its marker ${marker}`);
  }
  if (fs.readlinkSync(path.join(SECRET_REFS_DIR, 'innocent.yaml')) !== '.env') throw new Error('fixture innocent.yaml is no longer a symbolic link to .env');
}

/** The markers found in `text` (by the shared prefix, and each marker in full). */
export function markersIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/PPMARK[-\w]*/g)) found.add(match[0]);
  for (const marker of Object.values(SECRET_MARKERS)) if (text.includes(marker)) found.add(marker);
  return [...found].sort();
}
