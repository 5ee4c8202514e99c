import type { WireHole, WirePiece } from '../../../src/plugin-api/index.js';

const BEFORE = 40;
const AFTER = 80;

/** Text for a report line: control characters visible (`\r`, `\n`, `\u0001`), nothing else changed. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (ch) => (ch === '\r' ? '\\r' : ch === '\n' ? '\\n' : ch === '\t' ? '\\t' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** The part of `text` around `at`, shortened with … on the sides it was cut. */
export function excerpt(text: string, at: number): string {
  const start = Math.max(0, at - BEFORE);
  const end = Math.min(text.length, at + AFTER);
  return `${start > 0 ? '…' : ''}${visible(text.slice(start, end))}${end < text.length ? '…' : ''}`;
}

/** How a hole is shown in a report: what fills it. */
export function holeLabel(hole: WireHole): string {
  const { source } = hole;
  if (source.kind === 'variation') return `‹${source.variation.kind} ${source.variation.target}›`;
  if (source.kind === 'injection') return `‹${source.variable}›`;
  return `‹${source.auth.scheme} ${source.part}›`;
}

/** The pieces as a report shows them, and where piece `index` starts in that text. */
export function shownPieces(pieces: readonly WirePiece[], index = pieces.length): { text: string; offset: number } {
  let text = '';
  let offset = 0;
  pieces.forEach((piece, position) => {
    if (position === index) offset = text.length;
    text += 'text' in piece ? piece.text : holeLabel(piece.hole);
  });
  if (index >= pieces.length) offset = text.length;
  return { text, offset };
}
