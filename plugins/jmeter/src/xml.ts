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

/** Where lines go: anything with `push`, an array or a {@link JoinedLines}. */
export interface LineSink {
  push(line: string): void;
}

/**
 * Lines joined into blocks as they come: the many short line strings of a large file die
 * young instead of all living until the end (which made garbage collection dominate).
 */
export class JoinedLines implements LineSink {
  private readonly blocks: string[] = [];
  private block: string[] = [];

  push(line: string): void {
    this.block.push(line);
    if (this.block.length >= 4096) this.flush();
  }

  /** Every line so far, joined by LF (no final LF). */
  text(): string {
    this.flush();
    return this.blocks.join('\n');
  }

  private flush(): void {
    if (this.block.length === 0) return;
    this.blocks.push(this.block.join('\n'));
    this.block = [];
  }
}

const PADS: string[] = [];
function pad(depth: number): string {
  return (PADS[depth] ??= '  '.repeat(depth));
}

/** Appends the element's lines to `out`, indented by two spaces per level as JMeter saves them. */
export function writeXml(node: XmlNode, depth: number, out: LineSink, problems?: XmlProblems): void {
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
