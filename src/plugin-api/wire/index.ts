// The wire form of a request, once for every renderer: see wire-form.ts.
export { wireForm } from './wire-form.js';
export type { WireFormInput, WireInjection } from './wire-form.js';
export { workflowWireForms } from './workflow-wire.js';
export type { StepWire } from './workflow-wire.js';
export { cookieHeaderPieces, holesOf, literalText, wireText } from './wire-text.js';
export { holeText } from './hole-text.js';
export { MULTIPART_BOUNDARY } from './multipart-body.js';
export { XML_DECLARATION } from './xml-body.js';
export { readAt, writeAt } from './json-pointer.js';
export type { HoleContext, HoleSource, WireBody, WireField, WireHole, WirePiece, WireRequest } from './types.js';
