import type { WireHole, WirePiece } from '../../../src/plugin-api/index.js';

export interface PieceMatch {
  ok: boolean;
  /** Where in the text the best attempt stopped matching (the text's length when it matched). */
  failedAt: number;
  /** The piece the best attempt could not match (when it failed). */
  failedPiece?: number;
  /** The text each hole took, in order (when it matched). */
  holes: Array<{ hole: WireHole; text: string }>;
}

/** Steps of backtracking one match may take: a bound, not a limit any real request reaches. */
const MAX_STEPS = 200_000;

/** The longest text a hole of this context can take from `start` (its value is encoded, so its delimiters are not in it). */
function holeExtent(hole: WireHole, text: string, start: number): number {
  const rest = text.slice(start);
  switch (hole.context) {
    case 'url-component':
    case 'form':
      return start + (/^[^&=?#/;\s]*/.exec(rest)?.[0].length ?? 0);
    case 'header':
    case 'url':
      return start + (/^[^\r\n]*/.exec(rest)?.[0].length ?? 0);
    case 'cookie':
      return start + (/^[^;\r\n]*/.exec(rest)?.[0].length ?? 0);
    case 'json-string':
      return start + (/^(?:[^"\\]|\\.)*/s.exec(rest)?.[0].length ?? 0);
    default:
      return text.length;
  }
}

/**
 * Whether `text` is the pieces: literal pieces byte for byte, each hole a text `accept` takes.
 * With `truncated`, `text` is only the start of what was sent: it matches when it runs out
 * before anything differs.
 */
export function matchPieces(pieces: readonly WirePiece[], text: string, accept: (hole: WireHole, text: string) => boolean, options: { truncated?: boolean } = {}): PieceMatch {
  let steps = 0;
  let furthest = { at: 0, piece: 0 };
  const taken: Array<{ hole: WireHole; text: string }> = [];
  const fail = (at: number, piece: number): false => {
    if (at > furthest.at || (at === furthest.at && piece > furthest.piece)) furthest = { at, piece };
    return false;
  };
  const walk = (index: number, at: number): boolean => {
    if (++steps > MAX_STEPS) return fail(at, index);
    if (options.truncated === true && at >= text.length) return true;
    if (index === pieces.length) return at === text.length || fail(at, index);
    const piece = pieces[index]!;
    if ('text' in piece) {
      if (text.startsWith(piece.text, at)) return walk(index + 1, at + piece.text.length);
      if (options.truncated === true && piece.text.startsWith(text.slice(at))) return true;
      // How far the literal agrees, for the report.
      let same = 0;
      while (same < piece.text.length && text[at + same] === piece.text[same]) same++;
      return fail(at + same, index);
    }
    const extent = holeExtent(piece.hole, text, at);
    const next = pieces[index + 1];
    const ends: number[] = [];
    if (next === undefined) ends.push(text.length);
    else if ('text' in next && next.text !== '') {
      for (let found = text.indexOf(next.text, at); found !== -1 && found <= extent; found = text.indexOf(next.text, found + 1)) ends.push(found);
      if (options.truncated === true && extent === text.length) ends.push(text.length);
    } else for (let end = at; end <= extent; end++) ends.push(end);
    for (const end of ends) {
      const value = text.slice(at, end);
      if (!accept(piece.hole, value)) continue;
      taken.push({ hole: piece.hole, text: value });
      if (walk(index + 1, end)) return true;
      taken.pop();
    }
    return fail(at, index);
  };
  const ok = walk(0, 0);
  return ok ? { ok, failedAt: text.length, holes: taken } : { ok, failedAt: furthest.at, failedPiece: furthest.piece, holes: [] };
}
