import type { TFunction } from 'i18next';
import type { EmailAddress } from '@kefu/contracts';

/** A poll interval as people say it: 60 → "1 分钟", 90 → "90 秒". */
export function formatInterval(seconds: number, t: TFunction): string {
  if (seconds % 3600 === 0) return t('mail.mailboxes.hours', { count: seconds / 3600 });
  if (seconds % 60 === 0) return t('mail.mailboxes.minutes', { count: seconds / 60 });
  return t('mail.mailboxes.seconds', { count: seconds });
}

/** `孙丽 <sun.li@example.com>`, or the bare address when the mail named nobody. */
export function formatAddress(a: EmailAddress): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}
