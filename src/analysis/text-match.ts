import type { MatchSource, OperationModel } from '../model/index.js';

export interface TextField {
  source: MatchSource;
  value: string;
}

/** The texts of an operation that indicators are matched against, in order of trust. */
export function operationTexts(operation: OperationModel): TextField[] {
  const fields: TextField[] = [{ source: 'path', value: operation.path }];
  if (!operation.idDerived) fields.push({ source: 'operationId', value: operation.id });
  for (const tag of operation.tags) fields.push({ source: 'tag', value: tag });
  if (operation.summary) fields.push({ source: 'summary', value: operation.summary });
  return fields;
}

/** Splits `getUserLogin`, `user_login`, `/users/{id}/login` into lower-case words. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Word forms that count as the indicator itself (so `auth` matches `authentication` but not `author`). */
const WORD_FORMS: Record<string, readonly string[]> = {
  auth: ['authenticate', 'authentication', 'authorize', 'authorization', 'oauth', 'oauth2'],
  login: ['signin', 'logon'],
  register: ['registration', 'signup'],
};

/**
 * True when one of the words of `text` is `indicator`, its plural or -ing/-ed form,
 * or a listed variant; so `order` matches `orders` but not `border`, `auth` not `author`.
 */
export function matchesIndicator(text: string, indicator: string): boolean {
  const forms = indicatorForms(indicator);
  return words(text).some((word) => forms.has(word));
}

const formsCache = new Map<string, Set<string>>();

function indicatorForms(indicator: string): Set<string> {
  const needle = indicator.toLowerCase();
  let forms = formsCache.get(needle);
  if (!forms) {
    forms = new Set([needle, `${needle}s`, `${needle}es`, `${needle}ing`, `${needle}ings`, `${needle}ed`, ...(WORD_FORMS[needle] ?? [])]);
    formsCache.set(needle, forms);
  }
  return forms;
}

export function findIndicator(
  fields: TextField[],
  indicators: readonly string[],
): { indicator: string; field: TextField } | undefined {
  for (const field of fields) {
    const fieldWords = words(field.value);
    for (const indicator of indicators) {
      const forms = indicatorForms(indicator);
      if (fieldWords.some((word) => forms.has(word))) return { indicator, field };
    }
  }
  return undefined;
}
