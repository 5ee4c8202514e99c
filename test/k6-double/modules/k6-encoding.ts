// TEST DOUBLE of k6's `k6/encoding` module for the conformance harness.
type Base64Variant = 'std' | 'rawstd' | 'url' | 'rawurl';

function bytesOf(input: string | ArrayBuffer | Uint8Array): Buffer {
  if (typeof input === 'string') return Buffer.from(input, 'utf8');
  return Buffer.from(input instanceof Uint8Array ? input : new Uint8Array(input));
}

export function b64encode(input: string | ArrayBuffer | Uint8Array, encoding: Base64Variant = 'std'): string {
  const bytes = bytesOf(input);
  switch (encoding) {
    case 'std':
      return bytes.toString('base64');
    case 'rawstd':
      return bytes.toString('base64').replace(/=+$/, '');
    case 'url':
      return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    case 'rawurl':
      return bytes.toString('base64url');
    default:
      throw new Error(`k6 double: unknown base64 encoding ${JSON.stringify(encoding)}`);
  }
}

/** `format` 's' gives a string, anything else an ArrayBuffer (as in k6). */
export function b64decode(input: string, encoding: Base64Variant = 'std', format?: 's'): string | ArrayBuffer {
  const normalized = encoding === 'url' || encoding === 'rawurl' ? input.replace(/-/g, '+').replace(/_/g, '/') : input;
  const bytes = Buffer.from(normalized, 'base64');
  if (format === 's') return bytes.toString('utf8');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

export default { b64encode, b64decode };
