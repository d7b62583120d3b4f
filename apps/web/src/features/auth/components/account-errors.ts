import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../../../shared/api/client';
import { problemMessage } from '../../../shared/api/problem-message';
import { applyServerErrors } from '../../../shared/forms/server-errors';

/**
 * Puts a refused account request onto the form: a weak password on the password field (the
 * server's reasons are English), other field errors where they belong; returns a banner text.
 */
export function accountFormError(form: FormInstance, error: unknown, fields: readonly string[], t: TFunction): string | null {
  if (isApiError(error) && error.code === 'validation_failed') {
    const weak = error.fieldErrors.some((e) => e.field === 'password');
    const rest = applyServerErrors(form, error, fields, t);
    if (weak) form.setFields([{ name: 'password', errors: [t('accounts.fields.weakPassword')] }]);
    return rest.length ? rest.join('; ') : null;
  }
  return problemMessage(error, t);
}
