import type { HoleContext, HoleSource, WirePiece } from './types.js';

/** Stands for a hole in the probe pass: a character no marker prefix holds. */
const PROBE_MARKER = '\u0000';

/**
 * Holes written into request values as in-band markers (letters and digits: they pass through
 * percent-encoding, JSON, XML and multipart unchanged) and cut out again by `pieces`. Spec text
 * could spell a fixed marker, so a request is serialized twice: a probe pass (no prefix) puts a
 * separator where each marker goes and records every serialized text; the real pass uses a
 * prefix none of those texts holds (markerPrefixAvoiding), so only its own markers match.
 */
export class HoleMarkers {
  private readonly sources: HoleSource[] = [];
  /** The texts `pieces` was given, in the probe pass. */
  readonly probed: string[] = [];
  private readonly pattern: RegExp | undefined;

  /** `prefix` from markerPrefixAvoiding; without one this is the probe pass. */
  constructor(private readonly prefix?: string) {
    this.pattern = prefix === undefined ? undefined : new RegExp(`${prefix}(\\d+)X`, 'g');
  }

  /** The marker to write in place of the value `source` fills. */
  marker(source: HoleSource): string {
    this.sources.push(source);
    return this.prefix === undefined ? PROBE_MARKER : `${this.prefix}${this.sources.length - 1}X`;
  }

  /** The JSON text of a marker written bare (a JSON value, not string content): `"marker"` as `marker`. */
  unquoted(serialized: string, marker: string): string {
    return this.prefix === undefined ? serialized : serialized.split(`"${marker}"`).join(marker);
  }

  /** Pieces of a serialized text, markers cut out as holes in `context` (`bare` markers: `json-value`). */
  pieces(serialized: string, context: HoleContext, bare: ReadonlySet<string> = new Set()): WirePiece[] {
    if (this.pattern === undefined || this.sources.length === 0) {
      if (this.pattern === undefined) this.probed.push(serialized);
      return serialized === '' ? [] : [{ text: serialized }];
    }
    const out: WirePiece[] = [];
    let last = 0;
    for (const match of serialized.matchAll(this.pattern)) {
      if (match.index > last) out.push({ text: serialized.slice(last, match.index) });
      const source = this.sources[Number(match[1])];
      if (source === undefined) throw new Error(`perfplan/plugin: marker ${match[0]} has no hole (a marker prefix was not unique)`);
      out.push({ hole: { source, context: bare.has(match[0]) ? 'json-value' : context } });
      last = match.index + match[0].length;
    }
    if (last < serialized.length) out.push({ text: serialized.slice(last) });
    return out;
  }
}

/** The first of PERFPLANHOLE0N, PERFPLANHOLE1N, ... that none of `texts` contains. */
export function markerPrefixAvoiding(texts: readonly string[]): string {
  for (let n = 0; ; n++) {
    const prefix = `PERFPLANHOLE${n}N`;
    if (!texts.some((candidate) => candidate.includes(prefix))) return prefix;
  }
}
