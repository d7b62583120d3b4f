import { Button, Card, Col, Flex, List, Row, Typography } from 'antd';
import { FileTextOutlined, FolderOpenOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../../i18n';
import { useSession } from '../../auth/hooks/use-session';
import { kbResource, listKbArticles, portalArticlePath } from '../../kb/api';
import { useKbCategories } from '../../kb/hooks/use-kb-categories';
import { KbSearchBox } from '../../kb/portal/KbSearchBox';
import { MyRequestsList } from './MyRequestsList';
import { PortalLiveSync } from './PortalLiveSync';

/** The portal's start page: search the knowledge base first, browse it, or follow one's requests. */
export function PortalHomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const customer = user?.role === 'customer';
  const { tree } = useKbCategories();
  const locale = currentLocale();
  const popular = useQuery({
    queryKey: [kbResource, 'portal-popular', locale],
    queryFn: ({ signal }) => listKbArticles({ state: 'published', sort: 'popular', locale, limit: 8 }, signal),
    staleTime: 60_000,
  });
  return (
    <>
      {customer ? <PortalLiveSync /> : null}
      <div style={{ padding: '48px 0 36px', textAlign: 'center' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {user ? t('portal.welcome', { name: user.name }) : t('kb.portal.heroTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 16, margin: '8px 0 24px' }}>{t('kb.portal.heroHint')}</Typography.Paragraph>
        <div style={{ maxWidth: 680, margin: '0 auto' }}>
          <KbSearchBox autoFocus />
        </div>
      </div>
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={customer ? 14 : 24}>
          <Card title={<span><FolderOpenOutlined style={{ marginInlineEnd: 8, color: 'var(--ant-color-primary)' }} />{t('kb.portal.categories')}</span>} style={{ marginBottom: 20 }}>
            <List
              grid={{ gutter: 12, xs: 1, sm: 2, md: customer ? 2 : 3 }}
              dataSource={tree}
              locale={{ emptyText: t('kb.portal.noCategories') }}
              renderItem={(c) => (
                <List.Item data-testid="kb-category">
                  <Link to={`/portal/kb/categories/${c.id}`} style={{ fontWeight: 500 }}>{c.name}</Link>
                  <Typography.Text type="secondary"> · {t('kb.portal.articleCount', { count: c.articleCount })}</Typography.Text>
                  {c.description ? <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '2px 0 0', fontSize: 13 }}>{c.description}</Typography.Paragraph> : null}
                </List.Item>
              )}
            />
          </Card>
          <Card title={<span><FileTextOutlined style={{ marginInlineEnd: 8, color: 'var(--ant-color-primary)' }} />{t('kb.portal.popular')}</span>}>
            <List
              size="small"
              loading={popular.isPending}
              dataSource={popular.data?.items ?? []}
              locale={{ emptyText: t('kb.portal.noArticles') }}
              renderItem={(a) => <List.Item><Link to={portalArticlePath(a.id)}>{a.title}</Link></List.Item>}
            />
          </Card>
        </Col>
        {customer ? (
          <Col xs={24} lg={10}>
            <Card
              title={t('portal.myRequests')}
              extra={<Link to="/portal/requests">{t('kb.portal.allRequests')}</Link>}
            >
              <Flex style={{ marginBottom: 8 }}>
                <Link to="/portal/requests/new"><Button type="primary" icon={<PlusOutlined />}>{t('kb.request.title')}</Button></Link>
              </Flex>
              <MyRequestsList status={['new', 'open', 'pending', 'on_hold', 'resolved']} limit={5} />
            </Card>
          </Col>
        ) : null}
      </Row>
    </>
  );
}
