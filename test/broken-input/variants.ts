import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

/** A seeded PRNG (mulberry32): the same variants on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SpecVariant {
  /** e.g. `petstore.yaml truncated@1234`. */
  label: string;
  file: string;
}

function hashSeed(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

/** Cut the file at a seeded point. */
export function truncated(bytes: Buffer, random: () => number): { data: Buffer; note: string } {
  const at = Math.floor(bytes.length * (0.02 + random() * 0.96));
  return { data: bytes.subarray(0, at), note: `truncated@${at}` };
}

/** Flip a few seeded bytes (XOR with a non-zero value): broken UTF-8, stray control characters, wrong syntax. */
export function byteFlipped(bytes: Buffer, random: () => number, flips = 12): { data: Buffer; note: string } {
  const data = Buffer.from(bytes);
  const offsets: number[] = [];
  for (let i = 0; i < flips && data.length > 0; i++) {
    const at = Math.floor(random() * data.length);
    data[at] ^= 1 + Math.floor(random() * 255);
    offsets.push(at);
  }
  return { data, note: `flipped@${offsets.slice(0, 4).join(',')}${offsets.length > 4 ? ',…' : ''}` };
}

const WRONG_VALUES: unknown[] = [42, -1, 'oops', '', [], [1, 'two'], {}, { $ref: '#/nowhere' }, null, true, 1e308];

/** Replace seeded values anywhere in the parsed document with values of the wrong type. */
export function wrongTyped(document: unknown, random: () => number, changes = 6): { data: Buffer; note: string } {
  const slots: Array<{ holder: Record<string, unknown> | unknown[]; key: string | number; where: string }> = [];
  const stack: Array<{ node: unknown; where: string }> = [{ node: document, where: '' }];
  while (stack.length > 0 && slots.length < 200_000) {
    const { node, where } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const entries: Array<[string | number, unknown]> = Array.isArray(node) ? node.map((value, index) => [index, value]) : Object.entries(node);
    for (const [key, value] of entries) {
      slots.push({ holder: node as Record<string, unknown>, key, where: `${where}/${String(key)}` });
      stack.push({ node: value, where: `${where}/${String(key)}` });
    }
  }
  const changed: string[] = [];
  for (let i = 0; i < changes && slots.length > 0; i++) {
    // Bias towards shallow slots (structure: info, paths, operations) half the time.
    const pool = random() < 0.5 ? slots.filter((slot) => slot.where.split('/').length <= 5) : slots;
    const slot = (pool.length > 0 ? pool : slots)[Math.floor(random() * (pool.length > 0 ? pool : slots).length)];
    const value = WRONG_VALUES[Math.floor(random() * WRONG_VALUES.length)];
    (slot.holder as Record<string | number, unknown>)[slot.key] = value;
    changed.push(slot.where);
  }
  return { data: Buffer.from(JSON.stringify(document, null, 1)), note: `wrong-type@${changed.slice(0, 3).join(',')}` };
}

/**
 * Writes `perSpec` broken variants of the spec `file` into `outDir` (a copy of the spec's
 * folder for multi-file specs, so relative `$ref`s still resolve): truncated, byte-flipped
 * and wrong-typed, in turn. Seeded by `seed` and the spec's name.
 */
export function writeVariants(input: { name: string; file: string; multiFile: boolean; outDir: string; seed: number; perSpec: number }): SpecVariant[] {
  const random = seededRandom(hashSeed(input.name, input.seed));
  const base = path.basename(input.file);
  let folder = input.outDir;
  if (input.multiFile) {
    folder = path.join(input.outDir, 'spec');
    fs.cpSync(path.dirname(input.file), folder, { recursive: true });
  } else {
    fs.mkdirSync(folder, { recursive: true });
  }
  const bytes = fs.readFileSync(input.file);
  let parsed: unknown;
  const variants: SpecVariant[] = [];
  for (let i = 0; i < input.perSpec; i++) {
    const kind = i % 3;
    let made: { data: Buffer; note: string };
    let extension = path.extname(base);
    if (kind === 0) made = truncated(bytes, random);
    else if (kind === 1) made = byteFlipped(bytes, random);
    else {
      parsed ??= yaml.load(bytes.toString('utf8'));
      made = wrongTyped(structuredClone(parsed), random);
      extension = '.json';
    }
    const file = path.join(folder, `${path.basename(base, path.extname(base))}.variant${i}${extension}`);
    fs.writeFileSync(file, made.data);
    variants.push({ label: `${input.name} ${made.note}`, file });
  }
  return variants;
}
