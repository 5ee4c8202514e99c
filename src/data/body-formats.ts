import type { JsonValue } from '../model/index.js';
import { cborEncode } from './cbor.js';
import { fallbackPatches, JSON_PATCH_SCHEMA, jsonPatchProblem, type PatchTarget } from './json-patch.js';
import { isJwtMediaType, jwtProblem, PLACEHOLDER_JWT } from './jwt.js';
import { isObject } from './schema-merge.js';

/** What perfplan knows about the body when it tries values for a format. */
export interface FormatContext {
  /** The spec's schema describes text (`type: string`): the body is that text as it is. */
  textSchema: boolean;
  /** A member of the resource a patch applies to, when one is known (looked up only when asked). */
  target?: () => PatchTarget | undefined;
}

/** The body as the request carries it. */
export interface WireBody {
  value: JsonValue;
  /**
   * For a body encoded from the value (lines, bytes): the text a server that reads the raw body
   * as text sees. Validating servers check that text against the schema (Prism 5 does for every
   * media type but JSON and forms), so a schema of the decoded value makes them refuse it.
   */
  rawText?: string;
}

/**
 * A media type whose body has a grammar of its own beyond the spec's schema (RFC 6902 JSON
 * Patch, RFC 7396 merge patch, JWT, text, NDJSON) or an encoding perfplan writes (CBOR,
 * protobuf). Plain JSON, XML, forms, multipart and binary bodies have none.
 */
export interface BodyFormat {
  /** The body the media type carries, for messages. */
  label: string;
  /** Why `value` is not a body of this format; undefined when it is. */
  problem(value: JsonValue | undefined, context: FormatContext): string | undefined;
  /** JSON Schema that every value of the format satisfies: combined with the spec's to build one. */
  schema?: Record<string, unknown>;
  /** Values to try when the spec gives none that fits the format (each still checked against the spec's schema). */
  fallbacks(context: FormatContext): JsonValue[];
  wire(value: JsonValue, context: FormatContext & { mediaType: string }): WireBody;
  /** Why a server is expected to refuse every body perfplan can send in this format. */
  unsupported?: string;
}

const asIs = (value: JsonValue): WireBody => ({ value });

const JSON_PATCH: BodyFormat = {
  label: 'JSON Patch document (RFC 6902)',
  problem: (value) => jsonPatchProblem(value),
  schema: JSON_PATCH_SCHEMA,
  fallbacks: (context) => fallbackPatches(context.target?.()),
  wire: asIs,
};

const MERGE_PATCH: BodyFormat = {
  label: 'JSON merge patch (RFC 7396)',
  problem: (value) => (isObject(value) ? undefined : 'a merge patch is sent as an object of the members to change'),
  schema: { type: 'object' },
  // An empty merge patch changes nothing: valid for any resource.
  fallbacks: () => [{}],
  wire: asIs,
};

const JWT: BodyFormat = {
  label: 'JWT (compact JWS)',
  problem: (value) => jwtProblem(value),
  fallbacks: () => [PLACEHOLDER_JWT],
  wire: asIs,
};

const TEXT: BodyFormat = {
  label: 'text',
  problem: (value) => (typeof value === 'string' ? undefined : `a text body is a string, not ${describe(value)}`),
  fallbacks: () => ['example'],
  wire: (value) => ({ value: typeof value === 'string' ? value : JSON.stringify(value) }),
};

const NDJSON: BodyFormat = {
  label: 'NDJSON (one JSON value per line)',
  problem: (value, context) => {
    if (value === undefined) return 'there is no value';
    return context.textSchema ? ndjsonTextProblem(value) : undefined;
  },
  fallbacks: (context) => (context.textSchema ? ['{}\n'] : [{}]),
  wire: (value, context) => {
    if (context.textSchema && typeof value === 'string') return { value };
    const lines = Array.isArray(value) ? value : [value];
    const text = lines.map((line) => `${JSON.stringify(line)}\n`).join('');
    return { value: text, rawText: text };
  },
};

const CBOR: BodyFormat = {
  label: 'CBOR (RFC 8949)',
  problem: (value) => (value === undefined ? 'there is no value' : undefined),
  fallbacks: () => [{}],
  wire: (value, context) => {
    const bytes = Buffer.from(cborEncode(value));
    return { value: encodedFile(context.mediaType, 'body.cbor', bytes), rawText: bytes.toString('latin1') };
  },
};

const PROTOBUF: BodyFormat = {
  label: 'protobuf message',
  problem: () => undefined,
  fallbacks: () => [{}],
  // The empty message: every field at its default, the only encoding that needs no field numbers.
  wire: (_value, context) => ({ value: { $file: { name: 'body.bin', contentType: context.mediaType, content: '' } }, rawText: '' }),
  unsupported:
    'perfplan cannot encode a protobuf message: an OpenAPI schema gives no field numbers. It sends the empty message (every field at its default), ' +
    'which a server that needs any field refuses; a validating server that reads the body as text against the schema (Prism 5) refuses it too.',
};

const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines']);
const PROTOBUF_TYPES = new Set(['application/x-protobuf', 'application/protobuf', 'application/vnd.google.protobuf', 'application/x-google-protobuf']);

/** The format of a (concrete) media type's body, or undefined when it is plain JSON, XML, a form or a file. */
export function bodyFormatOf(mediaType: string): BodyFormat | undefined {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  if (type === 'application/json-patch+json') return JSON_PATCH;
  if (type === 'application/merge-patch+json') return MERGE_PATCH;
  if (isJwtMediaType(type)) return JWT;
  if (NDJSON_TYPES.has(type)) return NDJSON;
  if (type === 'application/cbor' || type.endsWith('+cbor')) return CBOR;
  if (PROTOBUF_TYPES.has(type)) return PROTOBUF;
  if (type.startsWith('text/') && !type.endsWith('+xml') && type !== 'text/xml' && type !== 'text/json') return TEXT;
  return undefined;
}

/** Why a text is not NDJSON: a line that is not one JSON value. */
function ndjsonTextProblem(value: JsonValue): string | undefined {
  if (typeof value !== 'string') return `an NDJSON body is text, not ${describe(value)}`;
  const lines = value.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return 'the NDJSON text has no line';
  for (const [index, line] of lines.entries()) {
    try {
      JSON.parse(line);
    } catch {
      return `line ${index + 1} of the NDJSON text is not a JSON value`;
    }
  }
  return undefined;
}

function encodedFile(mediaType: string, name: string, bytes: Buffer): JsonValue {
  return { $file: { name, contentType: mediaType, content: bytes.toString('base64'), contentEncoding: 'base64' } };
}

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
