import type { JsonValue } from '../model/index.js';

/**
 * The CBOR encoding (RFC 8949) of a JSON value, as JSON-to-CBOR conversion does it (§6.2):
 * integers as major types 0/1, other numbers as double floats, strings as text, arrays and
 * objects as arrays and maps in their own order. Definite lengths only; deterministic.
 * A JSON value needs nothing more, so no library is pulled in for it.
 */
export function cborEncode(value: JsonValue): Uint8Array {
  const out: number[] = [];
  write(out, value);
  return Uint8Array.from(out);
}

function write(out: number[], value: JsonValue): void {
  if (value === null) out.push(0xf6);
  else if (value === false) out.push(0xf4);
  else if (value === true) out.push(0xf5);
  else if (typeof value === 'number') writeNumber(out, value);
  else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    head(out, 3, bytes.length);
    for (const byte of bytes) out.push(byte);
  } else if (Array.isArray(value)) {
    head(out, 4, value.length);
    for (const item of value) write(out, item);
  } else {
    const entries = Object.entries(value);
    head(out, 5, entries.length);
    for (const [key, item] of entries) {
      write(out, key);
      write(out, item);
    }
  }
}

function writeNumber(out: number[], value: number): void {
  if (Number.isSafeInteger(value)) {
    if (value >= 0) head(out, 0, value);
    else head(out, 1, -1 - value);
    return;
  }
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  out.push(0xfb);
  for (let index = 0; index < 8; index++) out.push(view.getUint8(index));
}

/** The initial byte(s): major type and argument, in the shortest form. */
function head(out: number[], major: number, argument: number): void {
  const type = major << 5;
  if (argument < 24) out.push(type | argument);
  else if (argument < 0x100) out.push(type | 24, argument);
  else if (argument < 0x10000) out.push(type | 25, argument >>> 8, argument & 0xff);
  else if (argument < 0x100000000) out.push(type | 26, (argument >>> 24) & 0xff, (argument >>> 16) & 0xff, (argument >>> 8) & 0xff, argument & 0xff);
  else {
    const high = Math.floor(argument / 0x100000000);
    const low = argument % 0x100000000;
    out.push(type | 27, (high >>> 24) & 0xff, (high >>> 16) & 0xff, (high >>> 8) & 0xff, high & 0xff, (low >>> 24) & 0xff, (low >>> 16) & 0xff, (low >>> 8) & 0xff, low & 0xff);
  }
}
