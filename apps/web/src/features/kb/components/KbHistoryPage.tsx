import { useState } from 'react';
import { App, Button, Card, Col, Empty, Flex, List, Popconfirm, Radio, Row, Skeleton, Tag, Typography } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { problemMessage } from '../../../shared/api/problem-message';
import { formatDateTime } from '../../../shared/ui/format';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { getKbArticle, kbArticleKey, kbResource, listKbVersions, restoreKbVersion } from '../api';
import { useKbBase } from '../hooks/use-kb-base';
import { VersionDiff } from './VersionDiff';

/** Every saved version with its author and time; any two side by side; restore an old one. */
export function KbHistoryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const base = useKbBase();
  const queryClient = useQueryClient();
  const article = useQuery({ queryKey: kbArticleKey(id), queryFn: ({ signal }) => getKbArticle(id, signal) });
  const versions = useQuery({ queryKey: [kbResource, 'versions', id], queryFn: ({ signal }) => listKbVersions(id, signal) });
  const items = versions.data?.items ?? [];
  const newest = items.reduce((m, v) => Math.max(m, v.version), 0);
  const [pair, setPair] = useState<{ from?: number; to?: number }>({});
  const to = pair.to ?? newest;
  const from = pair.from ?? (items.find((v) => v.version < to)?.version ?? to);
  const restore = useMutation({
    mutationFn: (version: number) => restoreKbVersion(id, version),
    onSuccess: (next) => {
      queryClient.setQueryData(kbArticleKey(id), next);
      void queryClient.invalidateQueries({ queryKey: [kbResource] });
      setPair({});
      void message.success(t('kb.versions.restored', { version: next.version }));
    },
    onError: (error) => void message.error(problemMessage(error, t)),
  });
  if (article.isError) return <ProblemResult error={article.error} />;
  if (!article.data || versions.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  return (
    <>
      <Link to={`${base}/articles/${id}`} style={{ fontSize: 13 }}>{t('kb.versions.back')}</Link>
      <Typography.Title level={3} style={{ margin: '4px 0 16px' }}>{t('kb.versions.heading', { title: article.data.title })}</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={7}>
          <Card size="small" title={t('kb.versions.title')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('kb.versions.pickHint')}</Typography.Paragraph>
            <List
              size="small"
              dataSource={items}
              renderItem={(v) => (
                <List.Item
                  data-testid="kb-version-row"
                  actions={v.version === newest ? [] : [
                    <Popconfirm key="restore" title={t('kb.versions.restoreConfirm', { version: v.version })} onConfirm={() => restore.mutate(v.version)}>
                      <Button size="small" icon={<RollbackOutlined />} loading={restore.isPending && restore.variables === v.version}>{t('kb.versions.restore')}</Button>
                    </Popconfirm>,
                  ]}
                >
                  <Flex vertical gap={2}>
                    <Flex gap={6} align="center">
                      <Radio checked={v.version === from} onChange={() => setPair({ from: v.version, to })} aria-label={t('kb.versions.asFrom', { version: v.version })} />
                      <Radio checked={v.version === to} onChange={() => setPair({ from, to: v.version })} aria-label={t('kb.versions.asTo', { version: v.version })} />
                      <Typography.Text strong>v{v.version}</Typography.Text>
                      {v.version === newest ? <Tag color="blue">{t('kb.versions.current')}</Tag> : null}
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v.authorName ?? '—'} · {formatDateTime(v.createdAt)}</Typography.Text>
                    {v.note ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v.note}</Typography.Text> : null}
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={17}>
          {from === to ? <Card><Empty description={t('kb.versions.onlyOne')} /></Card> : <VersionDiff articleId={id} from={Math.min(from, to)} to={Math.max(from, to)} />}
        </Col>
      </Row>
    </>
  );
}
