import type { JsonValue, XmlNode } from '../../model/index.js';
import { xmlEscape } from '../escape.js';
import { isJsonRecord, textOf } from './values.js';

/** The declaration every XML body starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** Deeper values are written as their JSON text: the plan bounds depth, this bounds the recursion regardless. */
const MAX_DEPTH = 64;

/**
 * An XML name resembling `text`: characters an XML name cannot hold become `_`, and a name that
 * would start with something other than a letter or `_` (or with `xml`, reserved) gets a `_` in front.
 */
export function xmlName(text: string): string {
  const name = text.replace(/[^A-Za-z0-9_.\u00c0-\ud7ff\ue000-\ufffd-]+/g, '_');
  if (name === '') return '_';
  return /^[A-Za-z_\u00c0-\ud7ff\ue000-\ufffd]/.test(name) && !/^xml/i.test(name) ? name : `_${name}`;
}

function qualified(node: XmlNode): string {
  return node.prefix !== undefined && node.prefix !== '' ? `${xmlName(node.prefix)}:${xmlName(node.name)}` : xmlName(node.name);
}

function namespaceAttribute(node: XmlNode): string {
  if (node.namespace === undefined) return '';
  const attribute = node.prefix !== undefined && node.prefix !== '' ? `xmlns:${xmlName(node.prefix)}` : 'xmlns';
  return ` ${attribute}="${xmlEscape(node.namespace)}"`;
}

function childNode(parent: XmlNode, key: string): XmlNode {
  return parent.properties !== undefined && Object.hasOwn(parent.properties, key) ? parent.properties[key]! : { name: key };
}

/** One element for `value` (an array: its items, inside a wrapper element when `wrapped`). */
function element(node: XmlNode, value: JsonValue, depth: number): string {
  const tag = qualified(node);
  if (Array.isArray(value)) {
    const items = node.items ?? { name: node.name };
    const inner = value.map((item) => element(items, item, depth + 1)).join('');
    return node.wrapped === true ? `<${tag}${namespaceAttribute(node)}>${inner}</${tag}>` : inner;
  }
  if (value === null) return `<${tag}${namespaceAttribute(node)}/>`;
  if (!isJsonRecord(value) || depth > MAX_DEPTH) return `<${tag}${namespaceAttribute(node)}>${xmlEscape(textOf(value))}</${tag}>`;
  let attributes = namespaceAttribute(node);
  let children = '';
  for (const [key, child] of Object.entries(value)) {
    const shape = childNode(node, key);
    if (shape.attribute === true && (child === null || typeof child !== 'object')) attributes += ` ${qualified(shape)}="${xmlEscape(textOf(child))}"`;
    else children += element(shape, child, depth + 1);
  }
  return children === '' ? `<${tag}${attributes}/>` : `<${tag}${attributes}>${children}</${tag}>`;
}

/**
 * An XML body from the plan's value and its XML shape (OpenAPI XML Objects): the root element
 * `shape.name`; object properties as child elements, or attributes when `attribute`; arrays as
 * one element per item, named by `items`, inside a wrapper element only when `wrapped` (a root
 * array always has one: a document has one root); `namespace` and `prefix` as declared.
 */
export function xmlBodyText(value: JsonValue, shape: XmlNode | undefined): string {
  const root = shape ?? { name: 'root' };
  const body = Array.isArray(value) ? element({ ...root, wrapped: true }, value, 0) : element(root, value, 0);
  return `${XML_DECLARATION}${body}`;
}
