import { XMLParser } from 'fast-xml-parser';

/** A test element of a .jmx with its string/int/bool properties and the elements of its hashTree. */
export interface JmxNode {
  tag: string;
  name: string;
  props: Record<string, string>;
  children: JmxNode[];
}

type Ordered = Record<string, unknown>;

function textOf(children: unknown): string {
  const node = (children as Ordered[]).find((child) => '#text' in child);
  return node === undefined ? '' : String(node['#text']);
}

function attributes(node: Ordered): Record<string, string> {
  return (node[':@'] ?? {}) as Record<string, string>;
}

function tagOf(node: Ordered): string {
  return Object.keys(node).find((key) => key !== ':@')!;
}

/** Elements of a hashTree's content: each element, then the hashTree holding its children. */
function elements(list: Ordered[]): JmxNode[] {
  const out: JmxNode[] = [];
  for (const node of list) {
    const tag = tagOf(node);
    if (tag === 'hashTree') {
      const last = out[out.length - 1];
      if (last !== undefined) last.children = elements(node[tag] as Ordered[]);
      continue;
    }
    if (tag === '#text') continue;
    const props: Record<string, string> = {};
    for (const child of node[tag] as Ordered[]) {
      const childTag = tagOf(child);
      if (childTag === 'stringProp' || childTag === 'intProp' || childTag === 'boolProp') props[attributes(child)['@name'] ?? ''] = textOf(child[childTag]);
    }
    out.push({ tag, name: attributes(node)['@testname'] ?? '', props, children: [] });
  }
  return out;
}

/** The elements under `<jmeterTestPlan>`, as a tree. */
export function jmxTree(xml: string): JmxNode[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true, trimValues: true, parseTagValue: false, processEntities: true, htmlEntities: true });
  const root = (parser.parse(xml) as Ordered[]).find((node) => tagOf(node) === 'jmeterTestPlan')!;
  const top = (root.jmeterTestPlan as Ordered[]).find((node) => tagOf(node) === 'hashTree')!;
  return elements(top.hashTree as Ordered[]);
}

/** Every node of the tree, depth first. */
export function allNodes(nodes: readonly JmxNode[]): JmxNode[] {
  return nodes.flatMap((node) => [node, ...allNodes(node.children)]);
}
