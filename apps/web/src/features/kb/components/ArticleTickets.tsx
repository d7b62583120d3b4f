import { Card, Empty, List, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { KbArticle } from '@kefu/contracts';
import { formatDateTime } from '../../../shared/ui/format';
import { ticketNumber } from '../../tickets/format';
import { kbResource, listKbArticleTickets } from '../api';

/** Which tickets used this article in a reply (or were its source). */
export function ArticleTickets({ article }: { article: KbArticle }) {
  const { t } = useTranslation();
  const tickets = useQuery({
    queryKey: [kbResource, 'article-tickets', article.id],
    queryFn: ({ signal }) => listKbArticleTickets(article.id, signal),
  });
  const items = tickets.data?.items ?? [];
  return (
    <Card size="small" title={t('kb.article.usedBy', { count: article.usedByTickets })} data-testid="kb-article-tickets">
      {items.length === 0 && !tickets.isPending ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kb.article.notUsed')} /> : (
        <List
          size="small"
          loading={tickets.isPending}
          dataSource={items}
          renderItem={(x) => (
            <List.Item>
              <div>
                <Link to={`/agent/tickets/${x.ticketId}`}>{ticketNumber(x.number)} {x.subject}</Link>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {x.usedBy ? `${x.usedBy} · ` : ''}{formatDateTime(x.usedAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
