import { Breadcrumb, Card, Empty, List, Skeleton, Typography } from 'antd';
import { FolderOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { kbResource, listKbArticles, portalArticlePath } from '../api';
import { categoryPath } from '../category-tree';
import { useKbCategories } from '../hooks/use-kb-categories';
import { KbSearchBox } from './KbSearchBox';

/** A category: its sub-categories and its published articles, most read first. */
export function KbCategoryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { items: categories, query: categoriesQuery } = useKbCategories();
  const articles = useInfiniteQuery({
    queryKey: [kbResource, 'portal-category', id],
    queryFn: ({ pageParam, signal }) => listKbArticles({ categoryId: id, state: 'published', sort: 'popular', cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const category = categories.find((c) => c.id === id);
  if (categoriesQuery.isSuccess && !category) return <ProblemResult status={404} home="/portal" />;
  const children = categories.filter((c) => c.parentId === id);
  const list = articles.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div style={{ paddingTop: 24 }}>
      <Breadcrumb
        items={[
          { title: <Link to="/portal">{t('kb.portal.home')}</Link> },
          ...categoryPath(categories, id).map((c) => ({ title: c.id === id ? c.name : <Link to={`/portal/kb/categories/${c.id}`}>{c.name}</Link> })),
        ]}
      />
      <Typography.Title level={2} style={{ margin: '12px 0 4px' }}>{category?.name ?? ''}</Typography.Title>
      {category?.description ? <Typography.Paragraph type="secondary">{category.description}</Typography.Paragraph> : null}
      <div style={{ maxWidth: 640, margin: '12px 0 20px' }}><KbSearchBox size="middle" /></div>
      {children.length ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <List
            grid={{ gutter: 12, xs: 1, sm: 2, md: 3 }}
            dataSource={children}
            renderItem={(c) => (
              <List.Item>
                <Link to={`/portal/kb/categories/${c.id}`}><FolderOutlined /> {c.name} <Typography.Text type="secondary">({c.articleCount})</Typography.Text></Link>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <Card>
        {articles.isPending ? <Skeleton active /> : list.length === 0 ? <Empty description={t('kb.portal.emptyCategory')} /> : (
          <List
            itemLayout="vertical"
            dataSource={list}
            loadMore={articles.hasNextPage ? <a onClick={() => void articles.fetchNextPage()}>{t('portalRequests.loadMore')}</a> : null}
            renderItem={(a) => (
              <List.Item data-testid="kb-category-article">
                <Link to={portalArticlePath(a.id)} style={{ fontSize: 16, fontWeight: 500 }}>{a.title}</Link>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }}>{a.excerpt}</Typography.Paragraph>
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
