import { bodyKind, isFileMarker, jsLiteral, jsString, type BodyKind, type JsonValue, type RequestBody } from 'perfplan/plugin';

/** The Content-Type to send: the spec's media type unless it is a wildcard range; none for multipart (the boundary decides). */
function contentType(body: RequestBody, kind: BodyKind): string | undefined {
  if (kind === 'multipart') return undefined;
  if (!body.mediaType.includes('*')) return body.mediaType;
  if (kind === 'binary') return isFileMarker(body.value) ? body.value.$file.contentType : 'application/octet-stream';
  return kind === 'json' ? 'application/json' : 'text/plain';
}

/** Lines of the `body: {...}` entry of an operation literal (the requests module serialises it at run time). */
export function bodyCode(body: RequestBody): string[] {
  const kind = bodyKind(body);
  const type = contentType(body, kind);
  const value = jsLiteral(body.value, 2).split('\n');
  const lines = ['body: {', `  kind: ${jsString(kind)},`];
  if (type !== undefined) lines.push(`  contentType: ${jsString(type)},`);
  lines.push(`  value: ${value[0]}`, ...value.slice(1).map((line) => `  ${line}`));
  lines[lines.length - 1] += ',';
  if (body.encoding && Object.keys(body.encoding).length > 0) lines.push(`  encoding: ${jsLiteral(body.encoding as JsonValue)},`);
  if (kind === 'xml') lines.push(`  xml: ${jsLiteral((body.xml ?? { name: 'root' }) as unknown as JsonValue)},`);
  lines.push('},');
  return lines;
}
