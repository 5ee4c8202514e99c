import type { MediaTypeModel } from '../model/index.js';

export type BodyKind = 'json' | 'form' | 'multipart' | 'binary' | 'xml' | 'text' | 'other';

/** What kind of payload a media type carries (parameters such as `; charset=utf-8` ignored). */
export function bodyKindOf(mediaType: string): BodyKind {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json') || type === 'text/json') return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'multipart/form-data' || type.startsWith('multipart/')) return 'multipart';
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) return 'xml';
  if (type.startsWith('text/')) return 'text';
  if (
    type === 'application/octet-stream' ||
    type.startsWith('image/') ||
    type.startsWith('audio/') ||
    type.startsWith('video/') ||
    ['application/pdf', 'application/zip', 'application/gzip', 'application/x-tar'].includes(type)
  ) {
    return 'binary';
  }
  return 'other';
}

const PREFERENCE: BodyKind[] = ['json', 'form', 'multipart', 'binary', 'xml', 'text', 'other'];

/**
 * Among JSON media types: plain JSON first, then a merge patch (any object is one), other
 * `+json` types (vendor conventions), a JSON Patch (an array of operations on paths) last.
 */
function jsonRank(type: string): number {
  if (type === 'application/json' || type === 'text/json') return 0;
  if (type === 'application/merge-patch+json') return 1;
  if (type === 'application/json-patch+json') return 3;
  return 2;
}

function rank(content: MediaTypeModel): number {
  const type = content.mediaType.split(';')[0].trim().toLowerCase();
  const kind = bodyKindOf(content.mediaType);
  const base = PREFERENCE.indexOf(kind) * 4 + (kind === 'json' ? jsonRank(type) : 0);
  return content.mediaType.includes('*') ? PREFERENCE.length * 4 + base : base;
}

/**
 * The media types of a body, the one a request is best sent with first: JSON (plain JSON, a
 * merge patch, other `*+json`, a JSON Patch), then urlencoded form, multipart, binary,
 * XML, text, the rest; wildcards (`*\/*`) last. Ties keep spec order.
 */
export function contentsByPreference(contents: readonly MediaTypeModel[]): MediaTypeModel[] {
  return [...contents].sort((a, b) => rank(a) - rank(b));
}

/** The media type a request is sent with when every one can be built: the first of contentsByPreference. */
export function preferredContent(contents: MediaTypeModel[]): MediaTypeModel | undefined {
  return contentsByPreference(contents)[0];
}

/**
 * The media type a planned body was built from: the one it names, else (a wildcard made
 * concrete) the preferred one whose range holds it.
 */
export function contentOfBody(contents: readonly MediaTypeModel[], mediaType: string | undefined): MediaTypeModel | undefined {
  if (mediaType === undefined) return undefined;
  const exact = contents.find((content) => content.mediaType === mediaType);
  if (exact !== undefined) return exact;
  const type = mediaType.split(';')[0].trim().toLowerCase();
  return contentsByPreference(contents).find((content) => {
    const range = content.mediaType.split(';')[0].trim().toLowerCase();
    return range === '*/*' || (range.endsWith('/*') && type.startsWith(range.slice(0, -1)));
  });
}

/** A concrete Content-Type for a wildcard media type (`*\/*`, `image/*`). */
export function concreteMediaType(mediaType: string, binarySchema: boolean): string {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  if (!type.includes('*')) return mediaType;
  if (type === '*/*') return binarySchema ? 'application/octet-stream' : 'application/json';
  const top = type.split('/')[0];
  const defaults: Record<string, string> = { image: 'image/png', text: 'text/plain', audio: 'audio/mpeg', video: 'video/mp4', application: 'application/octet-stream' };
  return defaults[top] ?? 'application/octet-stream';
}

/**
 * The media type of `contents` a server that matches by structured-syntax suffix reads a body
 * of `mediaType` as: the first, in spec order, with the same type and subtype once the suffix
 * is taken as the subtype (`application/json` and `application/merge-patch+json` are both
 * `application/json` to it). Prism 5 reads request bodies so.
 */
export function suffixReadContent(contents: readonly MediaTypeModel[], mediaType: string): MediaTypeModel | undefined {
  const wanted = suffixForm(mediaType);
  if (wanted === undefined) return undefined;
  return contents.find((content) => {
    const declared = suffixForm(content.mediaType);
    return declared !== undefined && (declared.type === wanted.type || declared.type === '*') && (declared.subtype === wanted.subtype || declared.subtype === '*');
  });
}

function suffixForm(mediaType: string): { type: string; subtype: string } | undefined {
  const match = /^([^/]+)\/(?:(.+)\+)?([^+]+)$/.exec(mediaType.split(';')[0].trim().toLowerCase());
  return match === null ? undefined : { type: match[1], subtype: match[3] };
}
