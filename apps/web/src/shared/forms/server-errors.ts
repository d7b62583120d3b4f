import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';
import { problemMessage } from '../api/problem-message';
import { serverFieldMessage } from './issue-message';

/**
 * Puts a 400/409 problem's `errors: [{field, message}]` onto the matching form fields.
 * Returns the messages that match no field, for a banner.
 */
export function applyServerErrors(form: FormInstance, error: unknown, fields: readonly string[], t: TFunction): string[] {
  if (!isApiError(error)) return [];
  const unmatched: string[] = [];
  const byField = new Map<string, string[]>();
  for (const fe of error.fieldErrors) {
    const path = fe.field.split('.').filter((p) => p !== 'body');
    const top = path[0];
    const message =
      error.code === 'already_exists' ? t('errors.alreadyUsed') : serverFieldMessage(fe.message, t);
    if (top && fields.includes(top)) {
      const index = path[1] !== undefined && /^\d+$/.test(path[1]) ? Number(path[1]) : undefined;
      const text = index === undefined ? message : t('validation.item', { n: index + 1, message });
      byField.set(top, [...(byField.get(top) ?? []), text]);
    } else {
      unmatched.push(`${fe.field}: ${message}`);
    }
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unmatched;
}

/**
 * For forms with nested fields: `pathOf` maps a server field (`targets.0.minutes`) to the form's
 * name path. Puts the messages on those fields and returns the banner text, or null when every
 * message found its field.
 */
export function applyNestedServerErrors(
  form: FormInstance,
  error: unknown,
  pathOf: (field: string) => readonly (string | number)[] | null | undefined,
  t: TFunction,
): string | null {
  const unmatched: string[] = [];
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  if (isApiError(error)) {
    for (const fe of error.fieldErrors) {
      const text = error.code === 'already_exists' ? t('errors.alreadyUsed') : serverFieldMessage(fe.message, t);
      const name = pathOf(fe.field);
      if (!name) {
        unmatched.push(`${fe.field}: ${text}`);
        continue;
      }
      const key = name.join('.');
      byPath.set(key, { name: [...name], errors: [...(byPath.get(key)?.errors ?? []), text] });
    }
  }
  form.setFields([...byPath.values()]);
  return byPath.size > 0 && unmatched.length === 0 ? null : [problemMessage(error, t), ...unmatched].join(' ');
}
