import type { AuthPlan, JsonValue, ValueVariation } from '../../model/index.js';
import type { BodyKind } from '../body-kind.js';

/**
 * How the text around a hole is encoded, so that a renderer writes the value it fills in the
 * same way:
 * - `url-component`: percent-encoded as by encodeURIComponent (a path or query value, a cookie
 *   parameter: OpenAPI's form style percent-encodes cookies too);
 * - `url`: a whole URL (a workflow step that follows a `Location`), absolute or relative to the server;
 * - `header`: header text, control characters written as spaces;
 * - `cookie`: a credential's cookie value, as it is;
 * - `json-string`: the content of a JSON string, escaped for it, without the quotes;
 * - `json-value`: a whole JSON value (the plan's value there is not a string: a number, an object...);
 * - `form`: an application/x-www-form-urlencoded value (percent-encoded, space as `+` or `%20`);
 * - `multipart`: the content of a multipart part, as it is;
 * - `xml`: XML character data, escaped for it;
 * - `raw`: the body itself (a text or binary body that is the value).
 */
export type HoleContext = 'url-component' | 'url' | 'header' | 'cookie' | 'json-string' | 'json-value' | 'form' | 'multipart' | 'xml' | 'raw';

/** What fills a hole at run time. */
export type HoleSource =
  /** `request.variations[index]`: a value that varies per iteration (`current`: the plan's value at its target). */
  | { kind: 'variation'; index: number; variation: ValueVariation; current: JsonValue | undefined }
  /** A workflow step's injection: the value `variable` an earlier step extracted, written at `to`. */
  | { kind: 'injection'; variable: string; to: string }
  /**
   * A credential of `auth`: `value` is the apiKey's value, `token` a bearer or OAuth2 access token,
   * `basic` base64(`username:password`) of HTTP basic auth.
   */
  | { kind: 'credential'; auth: AuthPlan; part: 'value' | 'token' | 'basic' };

export interface WireHole {
  source: HoleSource;
  context: HoleContext;
}

/** Literal text, exactly as sent, or a hole a renderer fills with its own expression. */
export type WirePiece = { text: string } | { hole: WireHole };

/** One header or cookie: its name and value as pieces. */
export interface WireField {
  name: string;
  value: WirePiece[];
}

export interface WireBody {
  kind: BodyKind;
  /** The Content-Type header to send (multipart: with the fixed boundary). */
  contentType: string;
  /** The body's text, sent as UTF-8; with `encoding: 'base64'`, its literal text is the bytes in base64 (decode before sending). */
  pieces: WirePiece[];
  encoding: 'utf-8' | 'base64';
}

/**
 * The wire form of one request: every byte a client sends that the spec decides, in order, with
 * holes where a value is only known at run time. A renderer writes the literal text as it is and
 * each hole in its own syntax; it never leaves a hole out.
 */
export interface WireRequest {
  operationId: string;
  /** Upper case. */
  method: string;
  /** The `env` of the plan server the request goes to (RequestTemplate.server); absent: the base URL. */
  server?: string;
  /** The path after the server's base URL, percent-encoded, path parameters in place. */
  path: WirePiece[];
  /**
   * Query pairs in order, each `name=value` percent-encoded: the path key's own query first (as one
   * entry), then the query parameters per style and explode, then apiKey credentials.
   */
  query: WirePiece[][];
  /**
   * Path and query as one text (`path?pair&pair`): what follows the server's base URL. A workflow
   * step that replaces the URL (`url` injection) makes it one `url` hole, and `query` then holds
   * only the apiKey credentials, which the renderer appends with `?` or `&` (as the URL has a query or not).
   */
  target: WirePiece[];
  /** True when a `url` injection replaced path and query (see `target`). */
  urlReplaced: boolean;
  /** Header parameters, then credentials, then Content-Type; the Cookie header is `cookies`. */
  headers: WireField[];
  /** Cookie parameters, then apiKey cookies; sent as one `Cookie` header, joined by `; `. */
  cookies: WireField[];
  body?: WireBody;
  /** The variations applied, each with the plan's value at its target (a renderer computes them before the request). */
  variations: Array<{ index: number; variation: ValueVariation; current: JsonValue | undefined }>;
}
