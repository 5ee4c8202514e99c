/**
 * Deterministic values for string formats (JSON Schema, OpenAPI and common vendor formats).
 * `variant` gives distinct values for `uniqueItems` arrays. Undefined: not a format we know.
 */
export function formatValue(format: string, variant: number): string | undefined {
  const n = variant;
  const two = (value: number): string => String(value).padStart(2, '0');
  switch (format.toLowerCase()) {
    case 'date-time':
      return `2024-01-${two(15 + (n % 14))}T09:30:00Z`;
    case 'date':
      return `2024-01-${two(15 + (n % 14))}`;
    case 'time':
      return `09:${two(30 + (n % 30))}:00Z`;
    case 'duration':
      return `P${n + 1}D`;
    case 'email':
    case 'idn-email':
      return n === 0 ? 'user@example.com' : `user${n}@example.com`;
    case 'hostname':
    case 'idn-hostname':
      return n === 0 ? 'example.com' : `host${n}.example.com`;
    case 'ipv4':
      return `192.0.2.${10 + (n % 240)}`;
    case 'ipv6':
      return `2001:db8::${(16 + n).toString(16)}`;
    case 'uri':
    case 'url':
    case 'iri':
    case 'uri-reference':
    case 'iri-reference':
      return n === 0 ? 'https://example.com/' : `https://example.com/${n}`;
    case 'uri-template':
      return 'https://example.com/{id}';
    case 'uuid':
    case 'guid':
      return `3fa85f64-5717-4562-b3fc-${(0x2c963f66afa6 + n).toString(16).padStart(12, '0')}`;
    case 'json-pointer':
      return `/example${n === 0 ? '' : n}`;
    case 'relative-json-pointer':
      return String(n);
    case 'regex':
      return n === 0 ? '^example$' : `^example${n}$`;
    case 'byte':
      // base64 of "example" / "exampleN"
      return Buffer.from(n === 0 ? 'example' : `example${n}`).toString('base64');
    case 'binary':
      return n === 0 ? 'example' : `example${n}`;
    case 'password':
      return n === 0 ? 'example-password' : `example-password-${n}`;
    case 'phone':
      return `+1555555${String(100 + (n % 900)).padStart(4, '0')}`;
    case 'decimal':
      return `${1 + n}.00`;
    default:
      return undefined;
  }
}

/** Integer formats with their bounds; `unix-time` gets a realistic timestamp. */
export function integerFormatRange(format: string | undefined): { min: number; max: number } | undefined {
  switch (format) {
    case 'int8':
      return { min: -128, max: 127 };
    case 'uint8':
      return { min: 0, max: 255 };
    case 'int16':
      return { min: -32768, max: 32767 };
    case 'int32':
      return { min: -2147483648, max: 2147483647 };
    case 'int64':
      return { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
    default:
      return undefined;
  }
}

/** A preferred starting value for a number with this format (before bounds are applied). */
export function numberFormatPreferred(format: string | undefined): number | undefined {
  if (format === 'unix-time' || format === 'timestamp') return 1705311000; // 2024-01-15T09:30:00Z
  return undefined;
}
