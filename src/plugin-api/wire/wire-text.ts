import type { WireField, WireHole, WirePiece } from './types.js';

/** The text of pieces, each hole written by `fill` (a renderer's own syntax for it: `${var}`, `{{ var }}`, ...). */
export function wireText(pieces: readonly WirePiece[], fill: (hole: WireHole) => string): string {
  return pieces.map((piece) => ('text' in piece ? piece.text : fill(piece.hole))).join('');
}

/** The text of pieces that hold no hole; undefined when they hold one. */
export function literalText(pieces: readonly WirePiece[]): string | undefined {
  return pieces.every((piece) => 'text' in piece) ? pieces.map((piece) => ('text' in piece ? piece.text : '')).join('') : undefined;
}

/** Every hole among the pieces, in order. */
export function holesOf(pieces: readonly WirePiece[]): WireHole[] {
  return pieces.flatMap((piece) => ('hole' in piece ? [piece.hole] : []));
}

/** The Cookie header's value for a request's cookies (`name=value; name=value`); empty when it has none. */
export function cookieHeaderPieces(cookies: readonly WireField[]): WirePiece[] {
  return cookies.flatMap((cookie, index) => [{ text: `${index === 0 ? '' : '; '}${cookie.name}=` }, ...cookie.value]);
}
