import { isXmlRepresentable, xmlEscape } from 'perfplan/plugin';

/** An XML element of a .jmx file. Attributes keep their order, as JMeter writes them. */
export interface XmlNode {
  tag: string;
  attrs?: Array<[string, string]>;
  /** Text content (escaped on output). */
  text?: string;
  children?: XmlNode[];
}

/** Text that XML 1.0 could not carry and that was replaced, for diagnostics. */
export class XmlProblems {
  readonly values: string[] = [];
  note(value: string): void {
    if (!isXmlRepresentable(value)) this.values.push(value);
  }
}

const PADS: string[] = [];
function pad(depth: number): string {
  return (PADS[depth] ??= '  '.repeat(depth));
}

/** Appends the element's lines to `out`, indented by two spaces per level as JMeter saves them. */
export function writeXml(node: XmlNode, depth: number, out: string[], problems?: XmlProblems): void {
  const indent = pad(depth);
  let attrs = '';
  for (const [name, value] of node.attrs ?? []) {
    problems?.note(value);
    attrs += ` ${name}="${xmlEscape(value)}"`;
  }
  if (node.children !== undefined && node.children.length > 0) {
    out.push(`${indent}<${node.tag}${attrs}>`);
    for (const child of node.children) writeXml(child, depth + 1, out, problems);
    out.push(`${indent}</${node.tag}>`);
  } else if (node.text !== undefined && node.text !== '') {
    problems?.note(node.text);
    out.push(`${indent}<${node.tag}${attrs}>${xmlEscape(node.text)}</${node.tag}>`);
  } else if (node.text !== undefined) {
    out.push(`${indent}<${node.tag}${attrs}></${node.tag}>`);
  } else {
    out.push(`${indent}<${node.tag}${attrs}/>`);
  }
}
