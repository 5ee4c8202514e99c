import { isFileMarker, type AuthPlan, type HoleContext, type JsonValue, type TestPlan, type ValueVariation, type WireHole } from '../../../src/plugin-api/index.js';

/**
 * The values an injection hole may hold, when the check knows them: what the earlier step gave in
 * any of its requests so far (engines run a type's workflows side by side, and one operation may
 * be a step of several, so the check cannot always tell which request gave the value).
 */
export type KnownValue = { known: true; values: readonly JsonValue[] } | { known: false };

/**
 * The text a hole holds, decoded from its context; undefined when the text cannot stand there
 * (bad percent-encoding, a line break in a header, JSON that does not parse, unescaped XML markup).
 */
export function decodedHole(context: HoleContext, text: string): { text: string; json?: JsonValue } | undefined {
  try {
    switch (context) {
      case 'url-component':
      case 'form':
        // '+' is a space in a form value; engines' URL encoders (JMeter's __urlencode) write it in queries too.
        return /[\s&=#?]/.test(text) ? undefined : { text: decodeURIComponent(text.replace(/\+/g, ' ')) };
      case 'header':
      case 'url':
        return /[\r\n]/.test(text) ? undefined : { text };
      case 'cookie':
        return /[;\r\n]/.test(text) ? undefined : { text };
      case 'json-string':
        return { text: JSON.parse(`"${text}"`) as string };
      case 'json-value': {
        const json = JSON.parse(text) as JsonValue;
        return { text: typeof json === 'string' ? json : text, json };
      }
      case 'xml':
        if (/[<]|&(?!(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);)/.test(text)) return undefined;
        return { text: text.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_all, name: string) => xmlEntity(name)) };
      default:
        return { text };
    }
  } catch {
    return undefined;
  }
}

function xmlEntity(name: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  if (named[name] !== undefined) return named[name]!;
  return String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function textOf(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Whether `text` is a value the variation can give (see src/data/variations/varied-values.ts). */
function variationValue(input: { plan: TestPlan; env: Readonly<Record<string, string>>; variation: ValueVariation; current: JsonValue | undefined; text: string }): boolean {
  const { variation, text, current } = input;
  switch (variation.kind) {
    case 'integer': {
      if (!/^-?\d+$/.test(text)) return false;
      const offset = Number(text) - variation.min;
      return offset >= 0 && offset % variation.step === 0 && offset / variation.step < variation.count;
    }
    case 'string':
    case 'email': {
      const cut = variation.kind === 'email' ? text.lastIndexOf('@') : text.length;
      const head = cut < 0 ? text : text.slice(0, cut);
      const suffix = new RegExp(`-[0-9a-z]{${variation.width}}$`).exec(head);
      if (suffix === null) return false;
      const base = head.slice(0, suffix.index) + (cut < 0 ? '' : text.slice(cut));
      const rows = input.plan.data?.columns.find((column) => column.name === variation.column)?.values ?? [];
      return base === textOf(current) || rows.includes(base);
    }
    case 'uuid':
    case 'request-key':
      return UUID.test(text);
    case 'credential': {
      const given = input.env[variation.env];
      return text === (given !== undefined && given !== '' ? given : textOf(current));
    }
    case 'file': {
      const unit = isFileMarker(current) && current.$file.content !== '' ? current.$file.content : '.';
      return text === unit.repeat(Math.ceil(variation.bytes / unit.length)).slice(0, variation.bytes);
    }
  }
}

/** What a credential hole holds with the environment the harness gave the engine. */
export function credentialText(auth: AuthPlan, part: 'value' | 'token' | 'basic', env: Readonly<Record<string, string>>): string | undefined {
  if (part === 'basic' && auth.type === 'basic') {
    const user = env[auth.usernameEnv];
    const password = env[auth.passwordEnv];
    return user === undefined || password === undefined ? undefined : Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
  }
  if (auth.type === 'apiKey') return env[auth.valueEnv];
  if (auth.type === 'bearer' || auth.type === 'oauth2-client-credentials' || auth.type === 'oauth2-password') return env[auth.tokenEnv];
  return undefined;
}

/** The same value, by its text (a path or query value is text, whatever type the engine kept it as) or as JSON. */
function sameValue(decoded: { text: string; json?: JsonValue }, expected: JsonValue): boolean {
  return decoded.text === textOf(expected) || (decoded.json !== undefined && JSON.stringify(decoded.json) === JSON.stringify(expected));
}

/**
 * Whether a hole holds what may stand there: a value its variation can give, the credential the
 * harness set, the value an earlier workflow step gave (when known; else any value the context
 * can hold).
 */
export function holeAcceptor(input: {
  plan: TestPlan;
  env: Readonly<Record<string, string>>;
  injected: (variable: string) => KnownValue;
}): (hole: WireHole, text: string) => boolean {
  return (hole, text) => {
    const decoded = decodedHole(hole.context, text);
    if (decoded === undefined) return false;
    const { source } = hole;
    if (source.kind === 'variation') return variationValue({ plan: input.plan, env: input.env, variation: source.variation, current: source.current, text: decoded.text });
    if (source.kind === 'credential') {
      const expected = credentialText(source.auth, source.part, input.env);
      return expected !== undefined && decoded.text === expected;
    }
    const carried = input.injected(source.variable);
    if (!carried.known) return true;
    if (hole.context === 'url') return carried.values.some((value) => decoded.text === textOf(value) || urlPathOf(textOf(value)) === decoded.text);
    return carried.values.some((value) => sameValue(decoded, value));
  };
}

/** Path and query of an absolute URL (what a client sends for it), else the text as it is. */
function urlPathOf(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(url);
  return match === null ? url : match[1] || '/';
}
