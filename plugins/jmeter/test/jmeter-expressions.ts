import { XMLParser } from 'fast-xml-parser';

/**
 * What JMeter 5.6 makes of the thread group fields perfplan writes, for tests: `${__P(name,default)}`
 * (nested), `${__time()}`, and `${__jexl3(script)}` over the JEXL the renderer uses (var
 * statements, ternaries, == on strings, && and ||, arithmetic on doubles, `(x).intValue()`,
 * `props.get` / `props.putIfAbsent`). Checked against real JMeter by the engine tests; an
 * expression outside that subset throws rather than guessing.
 */
export interface JmeterWorld {
  /** -J properties, and those the run check sets (perfplan.ready, perfplan.start). */
  properties: Record<string, string>;
  /** What __time() returns. */
  nowMs: number;
}

/** The index just after the `}` closing the `${` at `start`. */
function referenceEnd(text: string, start: number): number {
  let depth = 0;
  for (let index = start; index < text.length; index++) {
    if (text[index] === '$' && text[index + 1] === '{') {
      depth++;
      index++;
    } else if (text[index] === '}') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  throw new Error(`unclosed reference in ${text}`);
}

/** Splits function arguments on commas outside nested references; `\,` is a literal comma. */
function splitArguments(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let index = 0; index < text.length; index++) {
    const ch = text[index]!;
    if (ch === '\\' && index + 1 < text.length) {
      current += text[index + 1];
      index++;
    } else if (ch === '$' && text[index + 1] === '{') {
      const end = referenceEnd(text, index);
      current += text.slice(index, end);
      index = end - 1;
    } else if (ch === ',') {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** Replaces `(...).intValue()` by `Math.trunc(...)`. */
function truncations(script: string): string {
  let text = script;
  for (let at = text.indexOf(').intValue()'); at >= 0; at = text.indexOf(').intValue()')) {
    let depth = 0;
    let open = at;
    for (; open >= 0; open--) {
      if (text[open] === ')') depth++;
      else if (text[open] === '(') {
        depth--;
        if (depth === 0) break;
      }
    }
    text = `${text.slice(0, open)}Math.trunc${text.slice(open, at + 1)}${text.slice(at + ').intValue()'.length)}`;
  }
  return text;
}

function jexl(script: string, world: JmeterWorld): string {
  if (/[`{}[\]]|function|=>|\bnew\b/.test(script)) throw new Error(`outside the JEXL subset: ${script}`);
  const statements = truncations(script).split(';').map((statement) => statement.trim()).filter((statement) => statement !== '');
  statements[statements.length - 1] = `return (${statements[statements.length - 1]});`;
  const props = {
    get: (name: string) => world.properties[name] ?? null,
    putIfAbsent: (name: string, value: string) => {
      const previous = world.properties[name];
      if (previous === undefined) world.properties[name] = String(value);
      return previous ?? null;
    },
  };
  const value: unknown = new Function('props', statements.join('\n'))(props);
  return String(value);
}

function call(name: string, args: string[], world: JmeterWorld): string {
  const evaluated = (index: number) => evaluate(args[index] ?? '', world);
  switch (name) {
    case '__P': {
      const property = evaluated(0);
      return world.properties[property] ?? (args.length > 1 ? evaluated(1) : '1');
    }
    case '__time':
      return String(world.nowMs);
    case '__jexl3':
      return jexl(evaluated(0), world);
    default:
      throw new Error(`function ${name} is not modelled`);
  }
}

/** The value JMeter gives a property at evaluation time. */
export function evaluate(text: string, world: JmeterWorld): string {
  let out = '';
  for (let index = 0; index < text.length; ) {
    if (text[index] === '$' && text[index + 1] === '{') {
      const end = referenceEnd(text, index);
      const inner = text.slice(index + 2, end - 1);
      const match = /^(__\w+)\(([\s\S]*)\)$/.exec(inner);
      if (!match) throw new Error(`variable reference \${${inner}} is not modelled`);
      out += call(match[1]!, splitArguments(match[2]!), world);
      index = end;
    } else {
      out += text[index];
      index++;
    }
  }
  return out;
}

export interface GroupSchedule {
  name: string;
  threads: number;
  /** Seconds from the run's start. */
  start: number;
  end: number;
  rampUp: number;
}

type Node = Record<string, unknown>;

/** Every ThreadGroup of a .jmx with its stringProp values, in document order. */
export function threadGroups(xml: string): Array<{ name: string; props: Map<string, string> }> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: false, parseTagValue: false });
  const out: Array<{ name: string; props: Map<string, string> }> = [];
  const text = (children: unknown): string => ((children as Node[]).find((child) => '#text' in child)?.['#text'] as string | undefined) ?? '';
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      const tag = Object.keys(node).find((key) => key !== ':@')!;
      const children = node[tag] as Node[];
      if (tag === 'ThreadGroup') {
        const props = new Map<string, string>();
        for (const child of children) if ('stringProp' in child) props.set(((child[':@'] ?? {}) as Record<string, string>).name!, text(child.stringProp));
        out.push({ name: ((node[':@'] ?? {}) as Record<string, string>).testname!, props });
      } else if (Array.isArray(children)) walk(children);
    }
  };
  walk(parser.parse(xml) as Node[]);
  return out;
}

/**
 * When each thread group of a .jmx runs, as JMeter schedules it once the run check passed: users
 * and delay when the group starts (at the run's start), ramp-up and duration when its delay is
 * over. `properties` are the -J properties of the run.
 */
export function schedules(xml: string, properties: Record<string, string>): GroupSchedule[] {
  const world: JmeterWorld = { properties: { 'perfplan.ready': 'true', 'perfplan.start': '1000000', ...properties }, nowMs: 1_000_000 };
  return threadGroups(xml)
    .filter((group) => group.name !== 'perfplan run start')
    .map((group) => {
      world.nowMs = 1_000_000;
      const threads = Number(evaluate(group.props.get('ThreadGroup.num_threads')!, world));
      const delay = Number(evaluate(group.props.get('ThreadGroup.delay')!, world));
      world.nowMs = 1_000_000 + delay * 1000;
      const duration = Number(evaluate(group.props.get('ThreadGroup.duration')!, world));
      const rampUp = Number(evaluate(group.props.get('ThreadGroup.ramp_time')!, world));
      for (const value of [threads, delay, duration, rampUp]) if (!Number.isInteger(value)) throw new Error(`${group.name}: not a whole number: ${value}`);
      return { name: group.name, threads, start: delay, end: delay + duration, rampUp };
    });
}

/** The most threads running at once (groups whose [start, end) intervals overlap). */
export function peakThreads(groups: readonly GroupSchedule[]): number {
  let peak = 0;
  for (const at of new Set(groups.map((group) => group.start))) {
    const running = groups.filter((group) => group.threads > 0 && group.start <= at && at < group.end).reduce((sum, group) => sum + group.threads, 0);
    peak = Math.max(peak, running);
  }
  return peak;
}
