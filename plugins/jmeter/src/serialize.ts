import { bodyKind as sharedBodyKind, isFileMarker, type BodyKind as SharedBodyKind, type JsonValue, type RequestBody, type RequestParameter } from 'perfplan/plugin';
import { text, type Piece } from './jmeter-text.js';

// Request values serialized at generation time into pieces: literal text from the plan, and
// JMeter expressions for values carried between workflow steps (written in place of the value).

/** A value replaced by a JMeter expression (a workflow variable), and how to write it in each place. */
export interface Substitution {
  /** The expression for a URL (percent-encoded) and for raw text (headers, JSON). */
  url: string;
  raw: string;
  /** Inside a JSON string (escaped for it); `raw` when absent. */
  json?: string;
}

/** Stands for a substitution in the probe pass: a character no marker prefix holds. */
const PROBE_MARKER = '\u0000';

/**
 * Values replaced by JMeter expressions, written as in-band markers (letters and digits: they
 * survive percent-encoding and JSON) and turned back into expressions by `pieces`. Spec text
 * could spell a fixed marker, so a request is serialized twice: a probe pass (no prefix) puts
 * a separator where each marker goes and records every serialized text; the real pass uses a
 * prefix none of those texts holds (markerPrefixAvoiding), so only its own markers match.
 */
export class Substitutions {
  private readonly list: Substitution[] = [];
  /** The texts `pieces` was given, in the probe pass. */
  readonly probed: string[] = [];
  private readonly pattern: RegExp | undefined;

  /** `prefix` from markerPrefixAvoiding; without one this is the probe pass. */
  constructor(private readonly prefix?: string) {
    this.pattern = prefix === undefined ? undefined : new RegExp(`${prefix}(\\d+)X`, 'g');
  }

  marker(substitution: Substitution): string {
    this.list.push(substitution);
    return this.prefix === undefined ? PROBE_MARKER : `${this.prefix}${this.list.length - 1}X`;
  }

  /** Pieces of a serialized string, markers replaced by their expressions (`kind` picks url, raw or json). */
  pieces(serialized: string, kind: 'url' | 'raw' | 'json'): Piece[] {
    if (this.pattern === undefined || this.list.length === 0) {
      if (this.pattern === undefined) this.probed.push(serialized);
      return serialized === '' ? [] : [text(serialized)];
    }
    const out: Piece[] = [];
    let last = 0;
    for (const match of serialized.matchAll(this.pattern)) {
      if (match.index > last) out.push(text(serialized.slice(last, match.index)));
      const substitution = this.list[Number(match[1])];
      if (substitution === undefined) throw new Error(`jmeter: marker ${match[0]} has no substitution (a marker prefix was not unique)`);
      out.push({ ref: substitution[kind] ?? substitution.raw });
      last = match.index + match[0].length;
    }
    if (last < serialized.length) out.push(text(serialized.slice(last)));
    return out;
  }
}

/** The first of PERFPLANSUBST0N, PERFPLANSUBST1N, ... that none of `texts` contains. */
export function markerPrefixAvoiding(texts: readonly string[]): string {
  for (let n = 0; ; n++) {
    const prefix = `PERFPLANSUBST${n}N`;
    if (!texts.some((candidate) => candidate.includes(prefix))) return prefix;
  }
}

function isRecord(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function textOf(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isFileMarker(value)) return value.$file.content;
  return JSON.stringify(value);
}

const encode = encodeURIComponent;

/** Literal path text percent-encoded like encodeURI, with `?` and `#` encoded too (as k6 and Locust send it). */
export function encodePathLiteral(value: string): string {
  const wellFormed = value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return encodeURI(wellFormed).replace(/\?/g, '%3F').replace(/#/g, '%23');
}

/** A path parameter's text per OpenAPI style (simple, label, matrix) and explode. */
export function pathText(parameter: RequestParameter): string {
  const { name, value } = parameter;
  const style = parameter.style ?? 'simple';
  const explode = parameter.explode ?? false;
  const list = (separator: string, pairs: boolean): string => {
    if (Array.isArray(value)) return value.map((entry) => encode(textOf(entry))).join(separator);
    if (isRecord(value)) {
      return Object.entries(value)
        .map(([key, entry]) => (pairs ? `${encode(key)}=${encode(textOf(entry))}` : `${encode(key)},${encode(textOf(entry))}`))
        .join(separator);
    }
    return encode(textOf(value));
  };
  const composite = Array.isArray(value) || isRecord(value);
  if (style === 'label') return `.${list(explode ? '.' : ',', explode)}`;
  if (style === 'matrix') {
    if (explode && Array.isArray(value)) return value.map((entry) => `;${encode(name)}=${encode(textOf(entry))}`).join('');
    if (explode && isRecord(value)) return `;${list(';', true)}`;
    return `;${encode(name)}=${composite ? list(',', false) : encode(textOf(value))}`;
  }
  return list(',', explode);
}

function deepObjectPairs(prefix: string, value: JsonValue): string[] {
  if (Array.isArray(value)) return value.flatMap((entry, index) => deepObjectPairs(`${prefix}[${index}]`, entry));
  if (isRecord(value)) return Object.entries(value).flatMap(([key, entry]) => deepObjectPairs(`${prefix}[${key}]`, entry));
  return [`${encode(prefix).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encode(textOf(value))}`];
}

/** `name=value` pairs of a query parameter (or form field) per style (form, spaceDelimited, pipeDelimited, deepObject). */
export function queryPairs(name: string, value: JsonValue, style: string, explode: boolean): string[] {
  const key = encode(name);
  if (style === 'deepObject' && (isRecord(value) || Array.isArray(value))) return deepObjectPairs(name, value);
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    const items = value.map((entry) => encode(textOf(entry)));
    if (explode) return items.map((entry) => `${key}=${entry}`);
    const delimiter = style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '|' : ',';
    return [`${key}=${items.join(delimiter)}`];
  }
  if (isRecord(value) && !isFileMarker(value)) {
    const entries = Object.entries(value);
    if (explode) return entries.map(([prop, entry]) => `${encode(prop)}=${encode(textOf(entry))}`);
    return [`${key}=${entries.map(([prop, entry]) => `${encode(prop)},${encode(textOf(entry))}`).join(',')}`];
  }
  return [`${key}=${encode(textOf(value))}`];
}

/** A header parameter's value (simple style). */
export function headerText(parameter: RequestParameter): string {
  const { value } = parameter;
  if (Array.isArray(value)) return value.map(textOf).join(',');
  if (isRecord(value)) {
    const explode = parameter.explode ?? false;
    return Object.entries(value)
      .map(([key, entry]) => (explode ? `${key}=${textOf(entry)}` : `${key},${textOf(entry)}`))
      .join(',');
  }
  return textOf(value);
}

/** The wire form of a body; this engine sends XML bodies as the text they are given. */
export type BodyKind = Exclude<SharedBodyKind, 'xml'>;

export function bodyKind(body: RequestBody): BodyKind {
  const kind = sharedBodyKind(body);
  return kind === 'xml' ? 'text' : kind;
}

export const MULTIPART_BOUNDARY = 'perfplan-form-boundary-9d2f81c4';

/** The body text and its Content-Type. Multipart bodies are written whole, with a fixed boundary. */
export function bodyText(body: RequestBody): { text: string; contentType: string } {
  const kind = bodyKind(body);
  const declared = body.mediaType.includes('*') ? undefined : body.mediaType;
  const { value } = body;
  const encodings = body.encoding ?? {};
  switch (kind) {
    case 'json':
      return { text: JSON.stringify(value), contentType: declared ?? 'application/json' };
    case 'binary':
      return {
        text: isFileMarker(value) ? value.$file.content : textOf(value),
        contentType: declared ?? (isFileMarker(value) ? value.$file.contentType : 'application/octet-stream'),
      };
    case 'form': {
      const fields = isRecord(value) && !isFileMarker(value) ? value : { value };
      const pairs: string[] = [];
      for (const [name, raw] of Object.entries(fields)) {
        const field = encodings[name] ?? {};
        const entry = isFileMarker(raw) ? raw.$file.content : raw;
        if (field.style !== undefined || field.explode !== undefined) {
          const style = field.style ?? 'form';
          pairs.push(...queryPairs(name, entry, style, field.explode ?? style === 'form'));
        } else if (field.contentType !== undefined && /json/i.test(field.contentType)) {
          pairs.push(`${encode(name)}=${encode(JSON.stringify(entry))}`);
        } else {
          for (const one of Array.isArray(entry) ? entry : [entry]) pairs.push(`${encode(name)}=${encode(textOf(one))}`);
        }
      }
      return { text: pairs.join('&').replace(/%20/g, '+'), contentType: declared ?? 'application/x-www-form-urlencoded' };
    }
    case 'multipart': {
      const fields = isRecord(value) && !isFileMarker(value) ? value : { value };
      let out = '';
      for (const [name, raw] of Object.entries(fields)) {
        const partType = encodings[name]?.contentType?.split(',')[0]?.trim();
        const quoted = name.replace(/"/g, '%22').replace(/[\r\n]/g, ' ');
        const entries = Array.isArray(raw) && partType === undefined ? raw : [raw];
        for (const entry of entries) {
          if (isFileMarker(entry)) {
            const fileName = entry.$file.name.replace(/"/g, '%22').replace(/[\r\n]/g, ' ');
            out += `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${quoted}"; filename="${fileName}"\r\nContent-Type: ${partType ?? entry.$file.contentType}\r\n\r\n${entry.$file.content}\r\n`;
          } else {
            const typeLine = partType !== undefined ? `Content-Type: ${partType}\r\n` : '';
            const content = partType !== undefined && /json/i.test(partType) ? JSON.stringify(entry) : textOf(entry);
            out += `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${quoted}"\r\n${typeLine}\r\n${content}\r\n`;
          }
        }
      }
      return { text: `${out}--${MULTIPART_BOUNDARY}--\r\n`, contentType: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` };
    }
    default:
      return { text: textOf(value), contentType: declared ?? 'text/plain' };
  }
}
