import { useQuery } from '@tanstack/react-query';
import { getMailbox, listMailboxChoices, listMailboxes, mailboxesResource, mailboxKey } from '../api';

/**
 * Every mailbox, refreshed while the page is open so a failing poll turns red without a reload.
 * `enabled` lets the reply composer skip the request on tickets that never travelled by email.
 */
export function useMailboxes({ enabled = true, live = false }: { enabled?: boolean; live?: boolean } = {}) {
  const query = useQuery({
    queryKey: [mailboxesResource, 'list'],
    queryFn: ({ signal }) => listMailboxes(signal),
    enabled,
    staleTime: live ? 0 : 60_000,
    refetchInterval: live ? 15_000 : false,
  });
  const mailboxes = query.data?.items ?? [];
  return { mailboxes, byId: new Map(mailboxes.map((m) => [m.id, m])), query };
}

export function useMailbox(id: string | undefined) {
  return useQuery({ queryKey: mailboxKey(id ?? ''), queryFn: ({ signal }) => getMailbox(id!, signal), enabled: id !== undefined });
}

/** The active mailboxes any staff member may reply from (name and address only). */
export function useMailboxChoices({ enabled = true }: { enabled?: boolean } = {}) {
  const query = useQuery({
    queryKey: [mailboxesResource, 'choices'],
    queryFn: ({ signal }) => listMailboxChoices(signal),
    enabled,
    staleTime: 60_000,
  });
  const choices = query.data?.items ?? [];
  return { choices, byId: new Map(choices.map((c) => [c.id, c])), query };
}
