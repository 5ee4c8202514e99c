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

/** The element's lines, indented by two spaces per level as JMeter saves them. */
export function renderXml(node: XmlNode, depth = 0, problems?: XmlProblems): string[] {
  const pad = '  '.repeat(depth);
  const attrs = (node.attrs ?? [])
    .map(([name, value]) => {
      problems?.note(value);
      return ` ${name}="${xmlEscape(value)}"`;
    })
    .join('');
  if (node.children !== undefined && node.children.length > 0) {
    return [`${pad}<${node.tag}${attrs}>`, ...node.children.flatMap((child) => renderXml(child, depth + 1, problems)), `${pad}</${node.tag}>`];
  }
  if (node.text !== undefined && node.text !== '') {
    problems?.note(node.text);
    return [`${pad}<${node.tag}${attrs}>${xmlEscape(node.text)}</${node.tag}>`];
  }
  if (node.text !== undefined) return [`${pad}<${node.tag}${attrs}></${node.tag}>`];
  return [`${pad}<${node.tag}${attrs}/>`];
}
