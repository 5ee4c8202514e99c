/**
 * A model of how JMeter reads a property value at test start (CompoundVariable/FunctionParser),
 * for tests: returns the literal text JMeter would produce, with our own references replaced
 * by `«name»`, or throws when the value calls a function or variable that is not allowed.
 */
export function jmeterEvaluate(value: string, allowed: (reference: string) => string | undefined): string {
  if (!value.includes('${')) return value; // no function: JMeter uses the raw value, backslashes and all
  let out = '';
  let index = 0;
  let functional = false;
  while (index < value.length) {
    const ch = value[index]!;
    if (ch === '\\' && index + 1 < value.length) {
      const next = value[index + 1]!;
      out += next === '$' || next === ',' || next === '\\' ? next : `\\${next}`;
      index += 2;
    } else if (ch === '$' && value[index + 1] === '{') {
      let depth = 0;
      let end = index;
      for (; end < value.length; end++) {
        if (value[end] === '{' && value[end - 1] === '$') depth++;
        else if (value[end] === '}') {
          depth--;
          if (depth === 0) break;
        }
      }
      const reference = value.slice(index + 2, end);
      const replacement = reference === '__char(36)' ? '$' : allowed(reference);
      if (replacement === undefined) throw new Error(`JMeter would evaluate \${${reference}} from ${JSON.stringify(value)}`);
      out += replacement;
      functional = true;
      index = end + 1;
    } else {
      out += ch;
      index++;
    }
  }
  if (!functional) throw new Error(`unreachable: ${value}`);
  return out;
}
