/** What the matcher needs of a plan request: method, path template and id. */
export interface OperationRoute {
  operationId: string;
  method: string;
  /** Path template as in the spec: `/pet/{petId}`, `/Accounts/{Sid}.json`. */
  path: string;
}

interface CompiledRoute {
  operationId: string;
  method: string;
  pattern: RegExp;
  /** Per segment: true when the segment is literal text; used to prefer `/pet/findByStatus` over `/pet/{petId}`. */
  literalSegments: boolean[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(route: OperationRoute): CompiledRoute {
  const segments = route.path.split('/');
  const source = segments
    .map((segment) => segment.split(/(\{[^}]+\})/).map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : escapeRegExp(part))).join(''))
    .join('/');
  return {
    operationId: route.operationId,
    method: route.method.toUpperCase(),
    pattern: new RegExp(`^${source}/?$`),
    literalSegments: segments.map((segment) => !segment.includes('{')),
  };
}

/** Literal segments win over templated ones, left to right, as in Prism's router. */
function moreSpecific(a: CompiledRoute, b: CompiledRoute): number {
  const length = Math.min(a.literalSegments.length, b.literalSegments.length);
  for (let i = 0; i < length; i++) {
    if (a.literalSegments[i] !== b.literalSegments[i]) return a.literalSegments[i] ? -1 : 1;
  }
  return 0;
}

function decodeSafely(pathname: string): string {
  try {
    return pathname
      .split('/')
      .map((segment) => decodeURIComponent(segment).replace(/\//g, '%2F'))
      .join('/');
  } catch {
    return pathname;
  }
}

/**
 * Finds the plan operation a request was for, from its method and URL path (the path as sent,
 * relative to the server root, since Prism serves the spec's paths at the root).
 */
export function createOperationMatcher(routes: readonly OperationRoute[]): (method: string, pathname: string) => string | undefined {
  const compiled = routes.map(compile);
  return (method, pathname) => {
    const upper = method.toUpperCase();
    const candidates = [pathname, decodeSafely(pathname)];
    const matches = compiled.filter((route) => route.method === upper && candidates.some((candidate) => route.pattern.test(candidate)));
    matches.sort(moreSpecific);
    return matches[0]?.operationId;
  };
}
