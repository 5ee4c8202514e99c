import type { DataPlan } from '../model/index.js';

/**
 * The feeder as a CSV file, as Locust's runtime and JMeter's CSV Data Set Config read it: a
 * header line of the column names, then one line per row, every field quoted (a quote doubled;
 * rows hold no line breaks). Row 0, on the second line, is never spec text (see FeederColumn).
 */
export function feederCsv(data: DataPlan): string {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const lines = [data.columns.map((column) => column.name).join(',')];
  for (let index = 0; index < data.rows; index++) {
    lines.push(data.columns.map((column) => quote(column.values[index] ?? column.values[0] ?? '')).join(','));
  }
  return `${lines.join('\n')}\n`;
}
