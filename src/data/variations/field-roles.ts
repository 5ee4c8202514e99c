import type { JsonValue } from '../../model/index.js';
import { isObject } from '../schema-merge.js';

/**
 * What a request field is, for the values that must not repeat under load:
 * - `id`: an integer id (`id`, `petId`, `user_id`),
 * - `text`: a string that identifies something (`username`, `slug`, `name`, a string `id`),
 * - `email`, `uuid`: by format or name.
 * `style` says which realistic values the feeder offers for a text field.
 */
export type FieldRole =
  | { role: 'id' }
  | { role: 'uuid' }
  | { role: 'email' }
  | { role: 'text'; style: TextStyle };

/** The kind of realistic text a feeder row holds. */
export type TextStyle = 'name' | 'username' | 'slug' | 'id';

/** `id`, `petId`, `orderID`, `user_id`, `user-id`: the field names an id goes by. */
export function isIdName(name: string): boolean {
  return /^id$/i.test(name) || /[a-z0-9](Id|ID)$/.test(name) || /[_-]id$/i.test(name);
}

const USERNAME = /^(user_?name|login|login_?name|handle|nick_?name|screen_?name|account_?name)$/i;
const NAME = /^(name|display_?name|full_?name)$/i;
const SLUG = /^(slug|code)$/i;
const EMAIL = /^(e_?mail|email_?address|e_?mail_?address)$/i;

/** Headers whose value must be fresh for every request: idempotency keys and request ids. */
export function isRequestKeyHeader(name: string): boolean {
  return /^(x-)?(idempotency[-_]?key|request[-_]?id|correlation[-_]?id)$/i.test(name);
}

/**
 * The role of a field with this name, schema view and planned value; undefined when it needs no
 * variation, or may not vary: an enum or const (the server accepts only those values), or a
 * format other than uuid and email (dates, URLs: a suffix would break them).
 */
export function fieldRole(name: string, schema: Record<string, unknown> | undefined, value: JsonValue | undefined): FieldRole | undefined {
  if (schema !== undefined && ('enum' in schema || 'const' in schema)) return undefined;
  const format = schema !== undefined && typeof schema.format === 'string' ? schema.format.toLowerCase() : undefined;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || !isIdName(name)) return undefined;
    return acceptsType(schema, 'integer') ? { role: 'id' } : undefined;
  }
  if (typeof value !== 'string' || !acceptsType(schema, 'string')) return undefined;
  if (format === 'uuid' || format === 'guid') return { role: 'uuid' };
  if (format === 'email' || format === 'idn-email') return value.includes('@') ? { role: 'email' } : undefined;
  if (format !== undefined) return undefined;
  if (EMAIL.test(name) || /[a-z]Email$/.test(name) || /[_-]email$/i.test(name)) return value.includes('@') ? { role: 'email' } : undefined;
  if (isIdName(name)) return { role: 'text', style: 'id' };
  if (USERNAME.test(name) || /[a-z](Username|Login|Handle)$/.test(name)) return { role: 'text', style: 'username' };
  if (SLUG.test(name) || /[a-z](Slug)$/.test(name) || /[_-]slug$/i.test(name)) return { role: 'text', style: 'slug' };
  if (NAME.test(name)) return { role: 'text', style: 'name' };
  return undefined;
}

/** The schema allows values of this JSON type (no `type`: any). */
function acceptsType(schema: Record<string, unknown> | undefined, type: 'integer' | 'string'): boolean {
  if (schema === undefined || schema.type === undefined) return true;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

/** The credential a login operation's field carries, by name. */
export type CredentialKind = 'username' | 'email' | 'password' | 'otp' | 'secret';

const CREDENTIALS: Array<[CredentialKind, RegExp]> = [
  ['username', /^(user_?name|user|login|login_?name)$/i],
  ['email', /^(e_?mail|email_?address)$/i],
  ['password', /^(pass(word)?|passwd|pwd)$/i],
  ['otp', /^(otp|totp|mfa_?code|one_?time_?(pass(word|code)?|code))$/i],
  ['secret', /^(secret|client_?secret|api_?secret)$/i],
];

export function credentialKind(name: string): CredentialKind | undefined {
  return CREDENTIALS.find(([, pattern]) => pattern.test(name))?.[0];
}

/** The environment variable of a credential: LOGIN_USERNAME, LOGIN_PASSWORD, ... */
export function credentialEnv(kind: CredentialKind): string {
  return `LOGIN_${kind.toUpperCase()}`;
}

/** Password-like credentials are secrets: never written into a file. */
export function isSecretCredential(kind: CredentialKind): boolean {
  return kind === 'password' || kind === 'otp' || kind === 'secret';
}

/** A schema object, or undefined. */
export function schemaObject(value: unknown): Record<string, unknown> | undefined {
  return isObject(value) ? value : undefined;
}
