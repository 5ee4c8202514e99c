import type { ResponseModel } from '../model/index.js';

/**
 * Success statuses the spec documents (2xx and 3xx), sorted. A range key counts as its
 * first status (`2XX` → 200, `3XX` → 300). None documented → `[]`: renderers then accept any
 * status below 400.
 */
export function expectedStatuses(responses: ResponseModel[]): number[] {
  const statuses = new Set<number>();
  for (const { status } of responses) {
    if (/^[23]\d\d$/.test(status)) statuses.add(Number(status));
    else if (/^[23]xx$/i.test(status)) statuses.add(Number(status[0]) * 100);
  }
  return [...statuses].sort((a, b) => a - b);
}
