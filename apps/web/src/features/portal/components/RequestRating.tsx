import { useState } from 'react';
import { App, Button, Card, Flex, Input, Rate, Typography } from 'antd';
import { SmileOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isRatable, ticketLimits, type Ticket } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { formatDateTime } from '../../../shared/ui/format';
import { rateRequest } from '../api';

const levels = [1, 2, 3, 4, 5] as const;

/**
 * The customer's satisfaction with a resolved or closed request (1–5 stars and an optional
 * comment). It can be changed afterwards: the new rating replaces the old one.
 */
export function RequestRating({ ticket, onChanged }: { ticket: Ticket; onChanged: (next: Ticket) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rating = ticket.rating;
  const [editing, setEditing] = useState(false);
  const [score, setScore] = useState(rating?.score ?? 0);
  const [comment, setComment] = useState(rating?.comment ?? '');
  const save = useMutation({
    mutationFn: () => rateRequest(ticket.id, { score, ...(comment.trim() ? { comment } : {}) }),
    onSuccess: (next) => {
      onChanged(next);
      setEditing(false);
      void message.success(t('portalRequests.rating.saved'));
    },
    onError: (error) => void message.error(problemMessage(error, t)),
  });
  if (!isRatable(ticket.status) || ticket.mergedIntoId) return null;
  const tooltips = levels.map((n) => t(`portalRequests.rating.levels.${n}`));

  const startEditing = () => {
    setScore(rating?.score ?? 0);
    setComment(rating?.comment ?? '');
    setEditing(true);
  };

  return (
    <Card
      size="small"
      data-testid="request-rating"
      title={<span><SmileOutlined style={{ marginInlineEnd: 6 }} />{t('portalRequests.rating.title')}</span>}
      style={{ marginBottom: 16 }}
    >
      {rating && !editing ? (
        <Flex vertical gap={6} data-testid="request-rating-done" data-score={rating.score}>
          <Flex gap={12} align="center" wrap>
            <Rate disabled value={rating.score} tooltips={tooltips} />
            <Typography.Text>{tooltips[rating.score - 1]}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('portalRequests.rating.ratedAt', { at: formatDateTime(rating.ratedAt) })}</Typography.Text>
          </Flex>
          {/* Plain text the customer typed: rendered as text, never as HTML. */}
          {rating.comment ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{rating.comment}</Typography.Paragraph> : null}
          <div>
            <Button size="small" onClick={startEditing}>{t('portalRequests.rating.change')}</Button>
          </div>
        </Flex>
      ) : (
        <Flex vertical gap={10}>
          <Typography.Text>{t('portalRequests.rating.question')}</Typography.Text>
          <Flex gap={12} align="center">
            <Rate value={score} onChange={setScore} tooltips={tooltips} aria-label={t('portalRequests.rating.score')} />
            {score ? <Typography.Text type="secondary">{tooltips[score - 1]}</Typography.Text> : null}
          </Flex>
          <Input.TextArea
            aria-label={t('portalRequests.rating.comment')}
            placeholder={t('portalRequests.rating.commentPlaceholder')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={ticketLimits.ratingComment}
            showCount
            autoSize={{ minRows: 2, maxRows: 6 }}
          />
          <Flex gap={8}>
            <Button type="primary" disabled={score < 1} loading={save.isPending} onClick={() => save.mutate()}>
              {t('portalRequests.rating.submit')}
            </Button>
            {editing ? <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button> : null}
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
