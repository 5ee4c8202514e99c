import type { FeederColumn } from '../../model/index.js';
import type { DocumentValidator } from '../validator.js';
import { emailCandidates, firstRowCandidates, isFeederSafe, textCandidates } from './feeder-rows.js';
import type { TextStyle } from './field-roles.js';
import { withSuffix } from './varied-values.js';

/** The widest suffix: 36^6 ≈ 2.2 billion values before one repeats. */
export const MAX_SUFFIX_WIDTH = 6;
/** The narrowest: 36^3 = 46,656 values. */
const MIN_SUFFIX_WIDTH = 3;

export interface TextField {
  kind: 'string' | 'email';
  style: TextStyle;
  /** The plan's value: row 0. */
  base: string;
  /** The field's schema, as written (validated against). */
  schema: unknown;
  /** Its maxLength, when it has one. */
  maxLength?: number;
  /** Who uses the column, for the plan reader: `addPet body#/name`. */
  usedBy: string;
}

/**
 * The feeder's columns: for each varying text field, `rows` realistic base values that are
 * valid for the field's schema with any suffix (checked with the narrowest and widest suffix
 * characters), each different. Row 0 comes from a fixed list, never from the spec: it is the
 * second line of each engine's feeder file, and nothing from a spec goes on a file's first two
 * lines (a field for which no fixed value fits does not vary). Fields with the same kind,
 * schema and value share a column.
 */
export class FeederColumns {
  readonly columns: FeederColumn[] = [];
  private readonly byKey = new Map<string, { column: FeederColumn; width: number; users: string[] }>();

  constructor(
    private readonly rows: number,
    private readonly validator: DocumentValidator,
  ) {}

  /** The column and suffix width for a field; undefined when no value with a suffix fits its schema. */
  columnFor(field: TextField): { column: string; width: number } | undefined {
    const width = field.maxLength === undefined ? MAX_SUFFIX_WIDTH : Math.min(MAX_SUFFIX_WIDTH, field.maxLength - 2);
    if (width < MIN_SUFFIX_WIDTH) return undefined;
    const key = columnKey(field, width);
    const known = key === undefined ? undefined : this.byKey.get(key);
    if (known !== undefined) {
      if (!known.users.includes(field.usedBy)) known.users.push(field.usedBy);
      known.column.description = describe(field, known.users);
      return { column: known.column.name, width: known.width };
    }
    const values = this.values(field, width);
    if (values === undefined) return undefined;
    const column: FeederColumn = { name: `c${this.columns.length}`, description: describe(field, [field.usedBy]), values };
    this.columns.push(column);
    if (key !== undefined) this.byKey.set(key, { column, width, users: [field.usedBy] });
    return { column: column.name, width };
  }

  private values(field: TextField, width: number): string[] | undefined {
    const maxBase = field.maxLength === undefined ? undefined : field.maxLength - 1 - width;
    const taken = new Set<string>();
    const rows: Array<string | undefined> = [];
    for (let i = 0; i < this.rows; i++) {
      // Row 0 is never spec text (it is the second line of every engine's feeder file); row 1 is the field's own value.
      const candidates = i === 0 ? firstRowCandidates(field.kind) : i === 1 ? [field.base] : field.kind === 'email' ? emailCandidates(field.base, i) : textCandidates(field.style, field.base, i);
      const row = candidates.map((candidate) => fitted(field.kind, candidate, maxBase)).find((candidate) => candidate !== undefined && !taken.has(candidate) && this.accepts(field, candidate, width));
      if (row !== undefined) taken.add(row);
      rows.push(row);
    }
    const found = rows.filter((row): row is string => row !== undefined);
    if (rows[0] === undefined) return undefined;
    // A row no candidate fits repeats an earlier one: the suffix still makes its values unique.
    return rows.map((row, index) => row ?? found[index % found.length]!);
  }

  /** The row is valid for the schema with the lowest and the highest suffix of this width. */
  private accepts(field: TextField, row: string, width: number): boolean {
    return ['0', 'z'].every((digit) => this.validator.validate(field.schema, withSuffix(field.kind, row, digit.repeat(width))).status === 'valid');
  }
}

/** The row cut to fit a suffix (an email's local part is cut); undefined when it cannot be made safe. */
function fitted(kind: 'string' | 'email', text: string, maxBase: number | undefined): string | undefined {
  if (!isFeederSafe(text)) return undefined;
  if (maxBase === undefined || text.length <= maxBase) return text;
  if (kind === 'string') return maxBase >= 1 ? text.slice(0, maxBase) : undefined;
  const at = text.lastIndexOf('@');
  const keep = maxBase - (text.length - at);
  return at > 0 && keep >= 1 ? text.slice(0, keep) + text.slice(at) : undefined;
}

function columnKey(field: TextField, width: number): string | undefined {
  try {
    return JSON.stringify([field.kind, field.style, field.base, width, field.schema]);
  } catch {
    return undefined;
  }
}

function describe(field: TextField, users: readonly string[]): string {
  const what = field.kind === 'email' ? 'email addresses' : field.style === 'name' ? 'names' : field.style === 'username' ? 'user names' : field.style === 'slug' ? 'slugs' : 'identifiers';
  return `${what} for ${users.join(', ')}`;
}
