import { Button, Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { FileTextOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { currentLocale } from '../../../i18n';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { useSession } from '../../auth/hooks/use-session';
import { kbResource, portalArticlePath, searchKb } from '../api';
import { KbSearchBox } from './KbSearchBox';
import '../kb.css';

/** Search results with the matches highlighted; no answer leads to a new request. */
export function KbSearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const lang = currentLocale();
  const { user } = useSession();
  const search = useQuery({
    queryKey: [kbResource, 'search', q, lang],
    queryFn: ({ signal }) => searchKb(q, lang, signal, 20),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
  const items = search.data?.items ?? [];
  const askPath = `/portal/requests/new?subject=${encodeURIComponent(q.slice(0, 300))}`;
  return (
    <div style={{ paddingTop: 32 }}>
      <div style={{ maxWidth: 720, marginBottom: 24 }}>
        <KbSearchBox key={q} initial={q} />
      </div>
      {search.isError ? <ProblemResult error={search.error} onRetry={() => void search.refetch()} /> : null}
      {search.isPending && q ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
      {search.data ? (
        <Card>
          <Typography.Text type="secondary" data-testid="kb-result-count">{t('kb.portal.resultCount', { count: items.length, q })}</Typography.Text>
          {items.length === 0 ? (
            <Empty
              data-testid="kb-no-results"
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <Flex vertical gap={4}>
                  <Typography.Text strong>{t('kb.portal.noResults')}</Typography.Text>
                  <Typography.Text type="secondary">{t('kb.portal.noResultsHint')}</Typography.Text>
                </Flex>
              }
            >
              <Link to={user ? askPath : `/login?next=${encodeURIComponent(askPath)}`}><Button type="primary">{t('kb.portal.askUs')}</Button></Link>
            </Empty>
          ) : (
            <>
              <List
                itemLayout="vertical"
                dataSource={items}
                renderItem={(r) => (
                  <List.Item data-testid="kb-search-result" className="kefu-search-hit">
                    <Flex gap={8} align="center" wrap>
                      <FileTextOutlined style={{ color: 'var(--ant-color-primary)' }} />
                      {/* titleHtml and snippetHtml are escaped by the server except for <mark>. */}
                      <Link to={portalArticlePath(r.id)} style={{ fontSize: 16, fontWeight: 500 }} dangerouslySetInnerHTML={{ __html: r.titleHtml }} />
                      {r.categoryName ? <Tag>{r.categoryName}</Tag> : null}
                      {r.locale !== lang ? <Tag color="blue">{t(`lang.${r.locale}`)}</Tag> : null}
                    </Flex>
                    <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
                      <span dangerouslySetInnerHTML={{ __html: r.snippetHtml }} />
                    </Typography.Paragraph>
                    {r.attachmentName ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}><PaperClipOutlined /> {t('kb.portal.inAttachment', { name: r.attachmentName })}</Typography.Text>
                    ) : null}
                  </List.Item>
                )}
              />
              <Flex justify="center" gap={8} align="center" style={{ paddingTop: 12 }}>
                <Typography.Text type="secondary">{t('kb.portal.notFound')}</Typography.Text>
                <Link to={user ? askPath : `/login?next=${encodeURIComponent(askPath)}`}>{t('kb.portal.askUs')}</Link>
              </Flex>
            </>
          )}
        </Card>
      ) : null}
    </div>
  );
}
