import type { TFunction } from 'i18next';
import { isApiError } from './client';

/** The sentence to show for a failed call, chosen by the problem's stable `code`. */
export function problemMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.internal');
  if (error.code === 'too_many_requests') {
    return t('errors.too_many_requests', { seconds: error.problem.retryAfterSeconds ?? 60 });
  }
  return t(`errors.${error.code}`);
}
