import type { EmailMeta } from '@kefu/contracts';
import { useMailboxChoices } from './use-mailboxes';

/**
 * The mailbox an email came through, as `name <address>` (while the mailbox is active); nothing
 * when the header already shows it as the sender of our own reply.
 */
export function useMailboxLabel(email: EmailMeta): string | undefined {
  const { byId } = useMailboxChoices({ enabled: email.mailboxId !== null });
  const mailbox = email.mailboxId ? byId.get(email.mailboxId) : undefined;
  if (!mailbox) return undefined;
  if (email.direction === 'out' && email.from?.address.toLowerCase() === mailbox.address.toLowerCase()) return undefined;
  return `${mailbox.name} <${mailbox.address}>`;
}
