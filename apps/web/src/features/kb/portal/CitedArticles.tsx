import { Card, Flex, Typography } from 'antd';
import { BookOutlined, StarOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getKbArticle, kbArticleKey, portalArticlePath } from '../api';
import { ArticleFeedback } from './ArticleFeedback';

/**
 * Rating a closed request: the customer's confirmation closed it, and here they rate the answer
 * they were given — the articles cited in the replies — helpful or not, with a comment.
 */
export function CitedArticles({ ids, rate }: { ids: readonly string[]; rate: boolean }) {
  const { t } = useTranslation();
  const articles = useQueries({
    queries: ids.map((id) => ({ queryKey: kbArticleKey(id), queryFn: ({ signal }: { signal: AbortSignal }) => getKbArticle(id, signal), retry: false })),
  });
  const shown = articles.flatMap((q) => (q.data ? [q.data] : []));
  if (shown.length === 0) return null;
  return (
    <Card
      size="small"
      data-testid={rate ? 'rate-answer' : 'cited-articles'}
      title={rate ? <span><StarOutlined style={{ marginInlineEnd: 6 }} />{t('kb.resolution.rateTitle')}</span> : <span><BookOutlined style={{ marginInlineEnd: 6 }} />{t('kb.resolution.recommended')}</span>}
      style={{ marginBottom: 16 }}
    >
      <Flex vertical gap={12}>
        {shown.map((a) => (
          <Flex key={a.id} vertical gap={6}>
            <Link to={portalArticlePath(a.id)} data-testid="cited-article">{a.title}</Link>
            {rate ? <ArticleFeedback articleId={a.id} myVote={a.myVote} question={t('kb.resolution.rateQuestion')} /> : null}
          </Flex>
        ))}
        {rate ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('kb.resolution.rateHint')}</Typography.Text> : null}
      </Flex>
    </Card>
  );
}
