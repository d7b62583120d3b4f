import { Alert } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getTicket, ticketKey } from '../api';
import { ticketNumber } from '../format';
import type { Ticket } from '../types';

/** A merged ticket is closed for good: point the agent at the ticket its conversation moved to. */
export function MergedBanner({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const intoId = ticket.mergedIntoId;
  const survivor = useQuery({
    queryKey: ticketKey(intoId ?? ''),
    queryFn: ({ signal }) => getTicket(intoId ?? '', signal),
    enabled: intoId !== null,
    staleTime: 60_000,
  });
  if (!intoId) return null;
  const number = survivor.data ? ticketNumber(survivor.data.number) : undefined;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="merged-banner"
      style={{ marginBottom: 12 }}
      title={t('ticketTools.merge.banner', { number: number ?? '…' })}
      description={t('ticketTools.merge.bannerHint')}
      action={
        <Link to={`/agent/tickets/${intoId}`}>
          {number ? t('ticketTools.merge.open', { number }) : t('ticketTools.merge.openSurvivor')}
        </Link>
      }
    />
  );
}
