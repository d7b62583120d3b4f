import { Flex, Rate, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRatable } from '@kefu/contracts';
import { formatDateTime } from '../../../shared/ui/format';
import type { Ticket } from '../types';

/**
 * The requester's satisfaction rating (CSAT) of a resolved or closed ticket: stars and their
 * comment. Nothing while the ticket is still being worked on and was never rated.
 */
export function RatingSummary({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const rating = ticket.rating;
  if (!rating && !isRatable(ticket.status)) return null;
  return (
    <div data-testid="ticket-rating" data-score={rating?.score ?? ''}>
      <Typography.Text type="secondary" style={{ display: 'block', margin: '14px 0 4px', fontSize: 12 }}>
        {t('tickets.rating.title')}
      </Typography.Text>
      {rating ? (
        <Flex vertical gap={2}>
          <Flex gap={8} align="center" wrap>
            <Rate disabled value={rating.score} style={{ fontSize: 14 }} />
            <Typography.Text style={{ fontSize: 13 }}>{t('tickets.rating.score', { score: rating.score })}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(rating.ratedAt)}</Typography.Text>
          </Flex>
          {/* The customer's plain text: rendered as text, never as HTML. */}
          {rating.comment ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 13, marginBottom: 0 }}>{rating.comment}</Typography.Paragraph> : null}
        </Flex>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('tickets.rating.notYet')}</Typography.Text>
      )}
    </div>
  );
}
