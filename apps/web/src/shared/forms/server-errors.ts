import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';
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
