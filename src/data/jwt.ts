import type { JsonValue } from '../model/index.js';
import { isObject } from './schema-merge.js';

/** The environment variable a signed JWT body comes from, in every engine (else the placeholder). */
export const REQUEST_JWT_ENV = 'REQUEST_JWT';

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * The JWT perfplan sends when the spec gives none: a compact JWS (RFC 7515 §7.1) whose header
 * and claims are fixed and whose signature is a dummy, so that it has the form every parser
 * expects but no server that verifies signatures accepts it. Load tests of such a server need a
 * real token: REQUEST_JWT.
 */
export const PLACEHOLDER_JWT = [
  base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })),
  base64url(JSON.stringify({ iss: 'perfplan', sub: 'perfplan-load-test', iat: 0 })),
  base64url('perfplan-unsigned-placeholder'),
].join('.');

const PART = /^[A-Za-z0-9_-]*$/;

/** Why `value` is not a JWT in compact JWS form, or undefined when it is one. */
export function jwtProblem(value: JsonValue | undefined): string | undefined {
  if (typeof value !== 'string') return 'a JWT is a string (header.payload.signature)';
  const parts = value.split('.');
  if (parts.length !== 3) return `a JWT in compact form has three base64url parts separated by dots, not ${parts.length}`;
  if (!parts.every((part) => PART.test(part)) || parts[0] === '' || parts[1] === '') return 'the parts of a JWT are base64url text (A-Z, a-z, 0-9, - and _), header and payload not empty';
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
  } catch {
    return 'the JWT header does not decode to JSON';
  }
  if (!isObject(header) || typeof header.alg !== 'string') return 'the JWT header is not a JSON object with "alg"';
  return undefined;
}

/** A JWT-shaped media type: `application/jwt` and the `+jwt` suffix (RFC 7519 §10.3.1, RFC 8417). */
export function isJwtMediaType(mediaType: string): boolean {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  return type === 'application/jwt' || type.endsWith('+jwt');
}
