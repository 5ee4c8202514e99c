import type { JsonValue } from '../../model/index.js';
import { xmlEscape } from '../escape.js';
import { headerSafe } from './parameter-styles.js';
import type { HoleContext } from './types.js';
import { encodeComponent, textOf } from './values.js';

/**
 * A value as it is written in a hole of `context`: what a renderer computes at run time (or at
 * generation time, for a value it knows) to fill the hole as the built-in engines do.
 */
export function holeText(value: JsonValue, context: HoleContext): string {
  const text = textOf(value);
  switch (context) {
    case 'url-component':
      return encodeComponent(text);
    case 'form':
      return encodeComponent(text).replace(/%20/g, '+');
    case 'header':
      return headerSafe(text);
    case 'json-string':
      return JSON.stringify(text).slice(1, -1);
    case 'json-value':
      return JSON.stringify(value);
    case 'xml':
      return xmlEscape(text);
    default:
      return text;
  }
}
