import type { RequestBody } from '../model/index.js';
import { isFileMarker } from './file-marker.js';

/** How a plan's request body goes on the wire. */
export type BodyKind = 'json' | 'form' | 'multipart' | 'binary' | 'xml' | 'text';

const BINARY_MEDIA = /^(application\/(octet-stream|pdf|zip|gzip|x-tar)|image\/|audio\/|video\/)/i;

/** The wire form of a body by its media type (and value, for files and wildcard ranges); shared by every renderer. */
export function bodyKind(body: RequestBody): BodyKind {
  const media = body.mediaType.toLowerCase();
  if (isFileMarker(body.value)) return 'binary';
  if (/^multipart\//.test(media)) return 'multipart';
  if (media.startsWith('application/x-www-form-urlencoded')) return 'form';
  if (/^[^;]*[/+]json\s*(;|$)/.test(media)) return 'json';
  if (/^[^;]*[/+]xml\s*(;|$)/.test(media)) return typeof body.value === 'string' ? 'text' : 'xml';
  if (BINARY_MEDIA.test(media)) return 'binary';
  if (media.includes('*')) return typeof body.value === 'string' ? 'text' : 'json';
  return 'text';
}
