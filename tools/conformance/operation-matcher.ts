/** What the matcher needs of a plan request: method, path template and id (and what it sends as query). */
export interface OperationRoute {
  operationId: string;
  method: string;
  /** Path template as sent: `/pet/{petId}`, `/Accounts/{Sid}.json`. */
  path: string;
  /** The path key's own query (RequestTemplate.query), `beta=true&x=1`. */
  query?: string;
  /** The request's parameters: the names of its query parameters tell apart operations on one URL. */
  parameters?: ReadonlyArray<{ name: string; in: string }>;
}

/** What else a request says about its operation. */
export interface RequestHints {
  /** Names of its query pairs, decoded. */
  queryNames?: readonly string[];
  /** The engine's name tag (k6's `name`, Locust's request name), when it sent one. */
  nameTag?: string;
}

export interface OperationMatch {
  operationId?: string;
  /**
   * Two or more operations the request matches equally well (the same method and URL template,
   * query names that do not tell them apart, no name tag): `operationId` is the first of them.
   */
  candidates?: string[];
}

interface CompiledRoute {
  operationId: string;
  method: string;
  pattern: RegExp;
  /** Per segment: true when the segment is literal text; used to prefer `/pet/findByStatus` over `/pet/{petId}`. */
  literalSegments: boolean[];
  /** Query names the operation always sends (its path key's and its query parameters'). */
  queryNames: string[];
}

function queryNamesOf(route: OperationRoute): string[] {
  const own = (route.query ?? '')
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const name = pair.split('=')[0]!;
      try {
        return decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        return name;
      }
    });
  return [...new Set([...own, ...(route.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name)])];
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
    queryNames: queryNamesOf(route),
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
 * relative to the server root, since Prism serves the spec's paths at the root). Among the most
 * specific matches (operations on one URL, told apart in the spec by a `#fragment`), the one the
 * engine's name tag names; else the ones whose query names the request all carries, the most
 * of them first. Matches still equal are `candidates`.
 */
export function createRequestMatcher(routes: readonly OperationRoute[]): (method: string, pathname: string, hints?: RequestHints) => OperationMatch {
  const compiled = routes.map(compile);
  return (method, pathname, hints = {}) => {
    const upper = method.toUpperCase();
    const paths = [pathname, decodeSafely(pathname)];
    const matches = compiled.filter((route) => route.method === upper && paths.some((candidate) => route.pattern.test(candidate)));
    matches.sort(moreSpecific);
    if (matches.length === 0) return {};
    const best = matches.filter((route) => moreSpecific(route, matches[0]!) === 0);
    if (best.length === 1) return { operationId: best[0]!.operationId };
    const tagged = best.find((route) => route.operationId === hints.nameTag);
    if (tagged !== undefined) return { operationId: tagged.operationId };
    const sent = new Set(hints.queryNames ?? []);
    const score = (route: CompiledRoute) => (route.queryNames.every((name) => sent.has(name)) ? route.queryNames.length : -1);
    const top = Math.max(...best.map(score));
    const equal = best.filter((route) => score(route) === top);
    return equal.length === 1 ? { operationId: equal[0]!.operationId } : { operationId: equal[0]!.operationId, candidates: equal.map((route) => route.operationId) };
  };
}

/** The operation a request was for (see createRequestMatcher), or undefined. */
export function createOperationMatcher(routes: readonly OperationRoute[]): (method: string, pathname: string, hints?: RequestHints) => string | undefined {
  const match = createRequestMatcher(routes);
  return (method, pathname, hints) => match(method, pathname, hints).operationId;
}
