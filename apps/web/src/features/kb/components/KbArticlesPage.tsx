import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Table, TreeSelect, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { kbArticleStates, kbVisibilities, type KbArticleState, type KbArticleSummary, type KbVisibility, type Locale } from '@kefu/contracts';
import { locales } from '../../../i18n';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value';
import { formatDateTime } from '../../../shared/ui/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { kbResource, listKbArticles } from '../api';
import { flattenTree } from '../category-tree';
import { useKbBase } from '../hooks/use-kb-base';
import { useKbCategories } from '../hooks/use-kb-categories';
import { StateTag } from './StateTag';

/** Every article, filtered by words, state, visibility, language and category. */
export function KbArticlesPage() {
  const { t } = useTranslation();
  const base = useKbBase();
  const { tree } = useKbCategories();
  const [text, setText] = useState('');
  const [state, setState] = useState<KbArticleState>();
  const [visibility, setVisibility] = useState<KbVisibility>();
  const [locale, setLocale] = useState<Locale>();
  const [categoryId, setCategoryId] = useState<string>();
  const q = useDebouncedValue(text.trim(), 300) || undefined;
  const filters = { q, state, visibility, locale, categoryId };
  const list = useInfiniteQuery({
    queryKey: [kbResource, 'list', filters],
    queryFn: ({ pageParam, signal }) => listKbArticles({ ...filters, cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('kb.articles.title')}
        description={t('kb.articles.description')}
        extra={<Link to={`${base}/articles/new`}><Button type="primary" icon={<PlusOutlined />}>{t('kb.articles.create')}</Button></Link>}
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear value={text} onChange={(e) => setText(e.target.value)} placeholder={t('kb.articles.search')} aria-label={t('kb.articles.search')} style={{ width: 260 }} />
          <Select allowClear placeholder={t('kb.fields.state')} aria-label={t('kb.fields.state')} value={state} onChange={setState} style={{ width: 130 }}
            options={kbArticleStates.map((s) => ({ value: s, label: t(`kb.state.${s}`) }))} />
          <Select allowClear placeholder={t('kb.fields.visibility')} aria-label={t('kb.fields.visibility')} value={visibility} onChange={setVisibility} style={{ width: 130 }}
            options={kbVisibilities.map((v) => ({ value: v, label: t(`kb.visibility.${v}`) }))} />
          <Select allowClear placeholder={t('kb.fields.locale')} aria-label={t('kb.fields.locale')} value={locale} onChange={setLocale} style={{ width: 130 }}
            options={locales.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
          <TreeSelect allowClear placeholder={t('kb.fields.category')} aria-label={t('kb.fields.category')} value={categoryId} onChange={setCategoryId} style={{ width: 200 }}
            treeData={flattenTree(tree).map((c) => ({ value: c.id, title: `${'　'.repeat(c.depth)}${c.name}` }))} />
        </Flex>
        <Table<KbArticleSummary>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={items}
          pagination={false}
          columns={[
            {
              title: t('kb.fields.title'),
              dataIndex: 'title',
              render: (_, a) => (
                <div>
                  <Link to={`${base}/articles/${a.id}`} style={{ fontWeight: 500 }}>{a.title}</Link>
                  <Typography.Paragraph type="secondary" ellipsis style={{ margin: 0, fontSize: 12, maxWidth: 520 }}>{a.excerpt}</Typography.Paragraph>
                </div>
              ),
            },
            { title: t('kb.fields.category'), dataIndex: 'categoryName', width: 140, render: (v: string | null) => v ?? '—' },
            { title: t('kb.fields.state'), dataIndex: 'state', width: 100, render: (s: KbArticleState) => <StateTag state={s} /> },
            { title: t('kb.fields.visibility'), dataIndex: 'visibility', width: 100, render: (v: KbVisibility) => t(`kb.visibility.${v}`) },
            { title: t('kb.fields.locale'), dataIndex: 'locale', width: 100, render: (l: Locale) => t(`lang.${l}`) },
            { title: t('kb.analytics.views'), dataIndex: 'viewCount', width: 80, align: 'right' },
            { title: t('kb.articles.votes'), key: 'votes', width: 100, align: 'right', render: (_, a) => `${a.helpfulCount} / ${a.notHelpfulCount}` },
            { title: t('kb.articles.updated'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
          ]}
        />
        {list.hasNextPage ? (
          <Flex justify="center" style={{ paddingTop: 12 }}>
            <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('portalRequests.loadMore')}</Button>
          </Flex>
        ) : null}
      </Card>
    </>
  );
}
