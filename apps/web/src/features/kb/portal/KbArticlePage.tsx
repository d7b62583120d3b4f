import { useEffect } from 'react';
import { App, Breadcrumb, Button, Card, Col, Flex, List, Row, Segmented, Skeleton, Typography } from 'antd';
import { CheckCircleOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { KbArticle } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { formatDateTime } from '../../../shared/ui/format';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { deflectKbArticle, getKbArticle, kbArticleKey, portalArticlePath, recordKbView } from '../api';
import { formatBytes } from '../format';
import { ArticleFeedback } from './ArticleFeedback';
import '../kb.css';

function Translations({ article }: { article: KbArticle }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (article.translations.length === 0) return null;
  const options = [article, ...article.translations]
    .map((a) => ({ value: a.id, label: t(`lang.${a.locale}`) }));
  return (
    <Segmented
      size="small"
      aria-label={t('kb.portal.otherLanguages')}
      value={article.id}
      options={options}
      onChange={(id) => void navigate(portalArticlePath(String(id)))}
    />
  );
}

/** One article as customers and visitors read it: body, files, feedback, related and translations. */
export function KbArticlePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const article = useQuery({ queryKey: kbArticleKey(id), queryFn: ({ signal }) => getKbArticle(id, signal) });
  const deflect = useMutation({
    mutationFn: () => deflectKbArticle(id, { source: 'article' }),
    onSuccess: () => void message.success(t('kb.portal.gladItHelped')),
    onError: (error) => void message.error(problemMessage(error, t)),
  });
  const readable = article.isSuccess;
  useEffect(() => {
    // Once the article showed; the server counts one view per visitor per day, so reloads are harmless.
    if (readable) void recordKbView(id).catch(() => undefined);
  }, [id, readable]);
  if (article.isError) return <ProblemResult error={article.error} home="/portal" onRetry={() => void article.refetch()} />;
  if (!article.data) return <Skeleton active style={{ paddingTop: 40 }} paragraph={{ rows: 10 }} />;
  const a = article.data;
  return (
    <div style={{ paddingTop: 24 }}>
      <Breadcrumb
        items={[
          { title: <Link to="/portal">{t('kb.portal.home')}</Link> },
          ...(a.categoryId ? [{ title: <Link to={`/portal/kb/categories/${a.categoryId}`}>{a.categoryName}</Link> }] : []),
        ]}
      />
      <Row gutter={[20, 20]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={17}>
          <Card>
            <Flex justify="space-between" align="flex-start" gap={12} wrap>
              <Typography.Title level={2} style={{ margin: 0 }} data-testid="kb-article-title">{a.title}</Typography.Title>
              <Translations article={a} />
            </Flex>
            <Typography.Text type="secondary" style={{ display: 'block', margin: '8px 0 20px', fontSize: 13 }}>
              {t('kb.portal.updatedAt', { at: formatDateTime(a.publishedAt ?? a.updatedAt) })}
            </Typography.Text>
            <div
              className="kefu-article-body"
              data-testid="kb-article-body"
              // Sanitized by the server when served (allow-list), whatever the stored copy holds.
              dangerouslySetInnerHTML={{ __html: a.bodyHtml }}
            />
            {a.attachments.length ? (
              <List
                size="small"
                header={<Typography.Text strong><PaperClipOutlined /> {t('kb.article.attachments')}</Typography.Text>}
                dataSource={a.attachments}
                style={{ marginTop: 24 }}
                renderItem={(f) => (
                  <List.Item extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatBytes(f.size)}</Typography.Text>}>
                    <a href={f.url} data-testid="kb-attachment"><DownloadOutlined /> {f.filename}</a>
                  </List.Item>
                )}
              />
            ) : null}
            <Flex vertical gap={12} style={{ marginTop: 28 }}>
              <ArticleFeedback key={a.id} articleId={a.id} myVote={a.myVote} />
              <Flex align="center" gap={8} wrap>
                <Button icon={<CheckCircleOutlined />} loading={deflect.isPending} disabled={deflect.isSuccess} onClick={() => deflect.mutate()}>
                  {t('kb.portal.solved')}
                </Button>
                <Typography.Text type="secondary">
                  {t('kb.portal.stillStuck')} <Link to={`/portal/requests/new?subject=${encodeURIComponent(a.title.slice(0, 300))}`}>{t('kb.portal.askUs')}</Link>
                </Typography.Text>
              </Flex>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          {a.related.length ? (
            <Card size="small" title={t('kb.article.related')}>
              <List size="small" dataSource={a.related} renderItem={(r) => <List.Item><Link to={portalArticlePath(r.id)}>{r.title}</Link></List.Item>} />
            </Card>
          ) : null}
        </Col>
      </Row>
    </div>
  );
}
