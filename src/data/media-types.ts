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
 * The media type a request is sent with: JSON (and `*+json`) first, then urlencoded form,
 * multipart, binary, XML, text; wildcards (`*\/*`) last. Ties keep spec order.
 */
export function preferredContent(contents: MediaTypeModel[]): MediaTypeModel | undefined {
  const rank = (content: MediaTypeModel): number => {
    const base = PREFERENCE.indexOf(bodyKindOf(content.mediaType));
    return content.mediaType.includes('*') ? PREFERENCE.length + base : base;
  };
  return [...contents].sort((a, b) => rank(a) - rank(b))[0];
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
