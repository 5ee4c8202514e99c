// The expression language of workflow steps (TestPlan.workflows[].steps[].extract/inject),
// parsed the same way by every renderer.

/** Reference tokens of an RFC 6901 JSON pointer, unescaped (`~1` → `/`, then `~0` → `~`); undefined when it is not one. */
export function pointerTokens(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export type ExtractionSource =
  | 'response.body'
  | 'response.header'
  | 'request.path'
  | 'request.query'
  | 'request.header'
  | 'request.body'
  | 'statusCode'
  | 'url';

export interface ParsedExtraction {
  source: ExtractionSource;
  name?: string;
  pointer?: string[];
}

/** An OpenAPI runtime expression (`$response.body#/id`, `$response.header.Location`, ...); undefined when unsupported. */
export function parseExtraction(from: string): ParsedExtraction | undefined {
  if (from === '$statusCode') return { source: 'statusCode' };
  if (from === '$url') return { source: 'url' };
  const body = /^\$(response|request)\.body(?:#(.*))?$/s.exec(from);
  if (body) {
    const pointer = pointerTokens(body[2] ?? '');
    return pointer ? { source: body[1] === 'response' ? 'response.body' : 'request.body', pointer } : undefined;
  }
  const named = /^\$(response\.header|request\.path|request\.query|request\.header)\.(.+)$/s.exec(from);
  if (named) return { source: named[1] as ExtractionSource, name: named[2] };
  return undefined;
}

export type InjectionTarget = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'url';

export interface ParsedInjection {
  target: InjectionTarget;
  name?: string;
  pointer?: string[];
}

/** Where a carried value goes (`path.petId`, `body#/owner/id`, `url`, ...); undefined when unknown. */
export function parseInjection(to: string): ParsedInjection | undefined {
  if (to === 'url') return { target: 'url' };
  const body = /^body(?:#(.*))?$/s.exec(to);
  if (body) {
    const pointer = pointerTokens(body[1] ?? '');
    return pointer ? { target: 'body', pointer } : undefined;
  }
  const named = /^(path|query|header|cookie)\.(.+)$/s.exec(to);
  if (named) return { target: named[1] as InjectionTarget, name: named[2] };
  return undefined;
}
