import { isFileMarker, parseInjection, type JsonValue, type RequestParameter, type ValueVariation } from 'perfplan/plugin';
import { item, testElement, stringProp, boolProp, type TreeItem } from './elements.js';
import type { XmlNode } from './xml.js';

// Values that vary per iteration (TestPlan RequestTemplate.variations) in JMeter: a JSR223
// PreProcessor on each sampler that has some computes them into JMeter variables before the
// sample, and the sampler's URL, headers and body refer to those variables. Its script is fixed
// text, the same arithmetic as perfplan's reference (src/data/variations/varied-values.ts) and the
// k6 and Locust runtimes; each variation comes in its Parameters as one word of safe characters.
// The iteration number n comes from one counter for the whole JVM (every thread's iterations
// count on it), the feeder row from the CSV Data Set Config (feederDataSet).

/** Props key of the iteration counter (an AtomicLong); the run check removes it before a run. */
export const ITERATIONS_PROPERTY = 'perfplan.iterations';
/** The feeder's CSV file, beside the .jmx files. */
export const FEEDER_FILE = 'jmeter/perfplan-feeder.csv';
/** The JMeter variable of a feeder column's value in this iteration. */
export function feederVariable(column: string): string {
  return `perfplan_feed_${column}`;
}

export const VARIATION_SCRIPT = `// perfplan: the values of this request that vary per iteration (PLAN.md, Data). Fixed text: each
// variation is one word of the Parameters, kind:variable:fields. Writes each value into its variable,
// and (but files) the value as JSON string content into variable_j.
import groovy.json.JsonOutput
import java.util.concurrent.atomic.AtomicLong

long mix32(long value) {
  long x = value & 0xffffffffL
  x ^= (x >>> 16)
  x = (x * 0x7feb352dL) & 0xffffffffL
  x ^= (x >>> 15)
  x = (x * 0x846ca68bL) & 0xffffffffL
  x ^= (x >>> 16)
  return x
}

String hex(long value, int digits) {
  return String.format('%08x', value & 0xffffffffL).substring(8 - digits)
}

String uuid(long seed, long counter) {
  long s = mix32(seed)
  long low = counter % 4294967296L
  long high = Math.floorDiv(counter, 4294967296L) % 65536L
  long a = mix32(s + low)
  long b = mix32(a ^ high ^ 0x9e3779b9L)
  long c = mix32(b + 0x85ebca6bL)
  long tailLow = (low ^ mix32(s ^ 0xc2b2ae35L)) & 0xffffffffL
  long tailHigh = (high ^ (mix32(s ^ 0x27d4eb2fL) & 0xffffL)) & 0xffffL
  return hex(a, 8) + '-' + hex(b >>> 16, 4) + '-4' + hex(b & 0xfffL, 3) + '-' + hex(8L | (c >>> 30), 1) + hex(c & 0xfffL, 3) + '-' + hex(tailHigh, 4) + hex(tailLow, 8)
}

String seedText = props.getProperty('runSeed', vars.get('perfplan.defaultRunSeed') ?: '0').trim()
long seed = (seedText ==~ /[0-9]{1,10}/ && seedText.toLong() <= 4294967295L) ? seedText.toLong() : 0L
def iterations = props.computeIfAbsent('${ITERATIONS_PROPERTY}', { key -> new AtomicLong() })
String mark = String.valueOf(vars.getIteration())
if (vars.get('perfplan.iterationMark') != mark) {
  vars.put('perfplan.iterationMark', mark)
  vars.put('perfplan.n', String.valueOf(iterations.getAndIncrement()))
  vars.put('perfplan.r', '-1')
}
long n = vars.get('perfplan.n').toLong()
long r = vars.get('perfplan.r').toLong() + 1L
vars.put('perfplan.r', String.valueOf(r))
long mixed = mix32(seed)

for (String word in args) {
  String[] f = word.split(':')
  String kind = f[0]
  String name = f[1]
  String value
  if (kind == 'i') {
    long counter = n * f[6].toLong() + f[5].toLong()
    value = String.valueOf(f[2].toLong() + f[3].toLong() * ((mixed + counter) % f[4].toLong()))
  } else if (kind == 's' || kind == 'm') {
    long counter = n * f[5].toLong() + f[4].toLong()
    int width = f[3].toInteger()
    String base = vars.get('perfplan_feed_' + f[2]) ?: (f.length > 6 ? new String(f[6].decodeHex(), 'UTF-8') : '')
    String suffix = '-' + Long.toString((mixed + counter) % (36L ** width), 36).padLeft(width, '0')
    int cut = kind == 'm' ? base.lastIndexOf('@') : -1
    value = cut < 0 ? base + suffix : base.substring(0, cut) + suffix + base.substring(cut)
  } else if (kind == 'u') {
    value = uuid(seed, n * f[3].toLong() + f[2].toLong())
  } else if (kind == 'k') {
    value = uuid(seed, n * 65536L + (r % 65536L))
  } else if (kind == 'e') {
    value = vars.get(f[2]) ?: (f.length > 3 ? new String(f[3].decodeHex(), 'UTF-8') : '')
  } else if (kind == 'f') {
    int bytes = f[2].toInteger()
    String unit = new String(f[3].decodeHex(), 'US-ASCII') ?: '.'
    StringBuilder content = new StringBuilder(bytes + unit.length())
    while (content.length() < bytes) content.append(unit)
    content.setLength(bytes)
    vars.put(name, content.toString())
    continue
  } else {
    continue
  }
  vars.put(name, value)
  String json = JsonOutput.toJson(value)
  vars.put(name + '_j', json.substring(1, json.length() - 1))
}
`;

/** The JMeter variable that holds a request's variation `index` (unique per request of the plan, per thread). */
export function variationVariable(requestIndex: number, index: number): string {
  return `perfplan_v${requestIndex}_${index}`;
}

/** Text as hexadecimal UTF-8: spec text in a Parameters word stays letters and digits. */
function hexText(value: JsonValue | undefined): string {
  return Buffer.from(typeof value === 'string' ? value : '', 'utf8').toString('hex');
}

/**
 * A variation's Parameters word: kind, variable, its numbers, and (hexadecimal) the plan's value
 * at its target where the script needs it: a text's base without a feeder row, a credential whose
 * property is empty, a file's pattern.
 */
export function variationWord(variation: ValueVariation, name: string, current: JsonValue | undefined): string {
  const lane = 'lane' in variation && variation.lane !== undefined ? [variation.lane.index, variation.lane.of] : [0, 1];
  switch (variation.kind) {
    case 'integer':
      return ['i', name, variation.min, variation.step, variation.count, ...lane].join(':');
    case 'string':
    case 'email':
      return [variation.kind === 'email' ? 'm' : 's', name, variation.column, variation.width, ...lane, hexText(current)].join(':');
    case 'uuid':
      return ['u', name, ...lane].join(':');
    case 'request-key':
      return ['k', name].join(':');
    case 'credential':
      return ['e', name, safeVariable(variation.env), hexText(current)].join(':');
    case 'file':
      return ['f', name, Math.max(1, Math.floor(variation.bytes)), Buffer.from(isFileMarker(current) ? current.$file.content : '', 'latin1').toString('hex')].join(':');
  }
}

function safeVariable(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** A variation with the variable that holds its value, for the sampler. */
export interface SamplerVariation {
  variation: ValueVariation;
  variable: string;
}

/**
 * The variations JMeter applies to a request (targets it can write: a parameter the request
 * sends, or the body), each with its variable.
 */
export function samplerVariations(input: { variations: readonly ValueVariation[] | undefined; requestIndex: number; parameters: readonly RequestParameter[] }): SamplerVariation[] {
  const out: SamplerVariation[] = [];
  (input.variations ?? []).forEach((variation, index) => {
    const target = parseInjection(variation.target);
    if (target === undefined || target.target === 'url') return;
    if (target.target !== 'body' && !input.parameters.some((parameter) => parameter.in === target.target && sameName(target.target, parameter.name, target.name ?? ''))) return;
    out.push({ variation, variable: variationVariable(input.requestIndex, index) });
  });
  return out;
}

function sameName(location: string, a: string, b: string): boolean {
  return location === 'header' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The PreProcessor that computes a sampler's varied values (each given the plan's value at its target), or undefined when it has none. */
export function variationPreProcessor(variations: ReadonlyArray<SamplerVariation & { current: JsonValue | undefined }>): TreeItem | undefined {
  const words = variations.map(({ variation, variable, current }) => variationWord(variation, variable, current));
  if (words.length === 0) return undefined;
  return item(
    testElement({
      testclass: 'JSR223PreProcessor',
      guiclass: 'TestBeanGUI',
      name: 'perfplan varied values',
      props: [stringProp('scriptLanguage', 'groovy'), stringProp('parameters', words.join(' ')), stringProp('filename', ''), stringProp('cacheKey', 'true'), stringProp('script', VARIATION_SCRIPT)],
    }),
  );
}

/** The CSV Data Set Config of the feeder: each thread's iteration takes the file's next row (rows shared by all threads, recycled). */
export function feederDataSet(columns: readonly string[]): XmlNode {
  return testElement({
    testclass: 'CSVDataSet',
    guiclass: 'TestBeanGUI',
    name: 'perfplan feeder',
    props: [
      stringProp('delimiter', ','),
      stringProp('fileEncoding', 'UTF-8'),
      stringProp('filename', FEEDER_FILE.replace(/^jmeter\//, '')),
      boolProp('ignoreFirstLine', true),
      boolProp('quotedData', true),
      boolProp('recycle', true),
      stringProp('shareMode', 'shareMode.all'),
      boolProp('stopThread', false),
      stringProp('variableNames', columns.map(feederVariable).join(',')),
    ],
  });
}
