import { lazy, Suspense, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Select, Skeleton, Space, Tag, TreeSelect, Typography } from 'antd';
import { EyeOutlined, HistoryOutlined, SaveOutlined, TranslationOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { createKbArticleBodySchema, type KbArticle, type KbVisibility, type Locale } from '@kefu/contracts';
import { locales } from '../../../i18n';
import { isApiError } from '../../../shared/api/client';
import { problemMessage } from '../../../shared/api/problem-message';
import { applyServerErrors } from '../../../shared/forms/server-errors';
import { TagsInput } from '../../../shared/forms/TagsInput';
import { zodRule } from '../../../shared/forms/zod-rule';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { createKbArticle, getKbArticle, kbArticleKey, kbResource, portalArticlePath, updateKbArticle } from '../api';
import { flattenTree } from '../category-tree';
import { useKbBase } from '../hooks/use-kb-base';
import { useKbCategories } from '../hooks/use-kb-categories';
import { ArticleAttachments } from './ArticleAttachments';
import { ArticleSelect } from './ArticleSelect';
import { ArticleStateActions } from './ArticleStateActions';
import { ArticleTickets } from './ArticleTickets';
import { StateTag } from './StateTag';

// ProseMirror and tiptap load with the editor only.
const RichTextEditor = lazy(async () => ({ default: (await import('./RichTextEditor')).RichTextEditor }));

interface Values {
  title: string;
  categoryId: string | null;
  locale: Locale;
  visibility: KbVisibility;
  tags: string[];
  relatedIds: string[];
}
const fields = ['title', 'categoryId', 'locale', 'visibility', 'tags', 'relatedIds', 'bodyHtml', 'attachmentIds'];
const shape = createKbArticleBodySchema.shape;

/** Writing an article: every save is a version; state actions, history, translations, files. */
export function KbArticleEditorPage() {
  const { id } = useParams();
  const article = useQuery({ queryKey: kbArticleKey(id ?? ''), queryFn: ({ signal }) => getKbArticle(id!, signal), enabled: Boolean(id) });
  if (id && article.isError) return <ProblemResult error={article.error} onRetry={() => void article.refetch()} />;
  if (id && !article.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  return <Editor key={`${id ?? 'new'}`} article={article.data ?? null} />;
}

function Editor({ article }: { article: KbArticle | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const base = useKbBase();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const { tree } = useKbCategories();
  const [body, setBody] = useState(article?.bodyHtml ?? '');
  const [attachmentIds, setAttachmentIds] = useState<string[]>(article?.attachments.map((a) => a.id) ?? []);
  const [version, setVersion] = useState(article?.version);
  const [banner, setBanner] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [uploading, setUploading] = useState(false);
  const translationOf = params.get('translationOf') ?? undefined;

  useEffect(() => {
    if (!article) return;
    setVersion(article.version);
  }, [article]);

  const saved = (next: KbArticle) => {
    queryClient.setQueryData(kbArticleKey(next.id), next);
    void queryClient.invalidateQueries({ queryKey: [kbResource] });
    setVersion(next.version);
    setDirty(false);
    void message.success(t('kb.editor.saved', { version: next.version }));
    if (!article) void navigate(`${base}/articles/${next.id}`, { replace: true });
  };
  const save = useMutation({
    mutationFn: (v: Values) =>
      article
        ? updateKbArticle(article.id, { version, ...v, bodyHtml: body, attachmentIds })
        : createKbArticle({ ...v, bodyHtml: body, attachmentIds, ...(translationOf ? { translationOf } : {}) }),
    onSuccess: saved,
    onError: (error) => {
      const unmatched = applyServerErrors(form, error, fields, t);
      const stale = isApiError(error) && error.status === 409;
      setBanner([stale ? t('kb.editor.stale') : problemMessage(error, t), ...unmatched].join(' '));
    },
  });

  const known = new Map((article?.related ?? []).map((r) => [r.id, r.title]));
  const initial: Values = {
    title: article?.title ?? params.get('title') ?? '',
    categoryId: article?.categoryId ?? null,
    locale: article?.locale ?? ((params.get('locale') as Locale | null) ?? 'zh-CN'),
    visibility: article?.visibility ?? 'public',
    tags: article?.tags ?? [],
    relatedIds: article?.relatedIds ?? [],
  };
  const treeData = flattenTree(tree).map((c) => ({ value: c.id, title: `${'　'.repeat(c.depth)}${c.name}` }));

  return (
    <>
      <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginBottom: 16 }}>
        <div>
          <Link to={`${base}/articles`} style={{ fontSize: 13 }}>{t('kb.articles.back')}</Link>
          <Typography.Title level={3} style={{ margin: '4px 0 0' }}>
            {article ? article.title : t(translationOf ? 'kb.editor.newTranslation' : 'kb.editor.new')}
          </Typography.Title>
          {article ? (
            <Space size={8} style={{ marginTop: 6 }}>
              <StateTag state={article.state} />
              <Tag>{article.visibility === 'public' ? t('kb.visibility.public') : t('kb.visibility.internal')}</Tag>
              <Typography.Text type="secondary" data-testid="kb-version">{t('kb.editor.versionN', { version })}</Typography.Text>
            </Space>
          ) : null}
        </div>
        <Space wrap>
          {article ? <Link to={`${base}/articles/${article.id}/history`}><Button icon={<HistoryOutlined />}>{t('kb.versions.title')}</Button></Link> : null}
          {article?.state === 'published' && article.visibility === 'public' ? (
            <a href={portalArticlePath(article.id)} target="_blank" rel="noopener"><Button icon={<EyeOutlined />}>{t('kb.editor.viewInPortal')}</Button></a>
          ) : null}
          {article ? <ArticleStateActions article={article} dirty={dirty} onChanged={(next) => { queryClient.setQueryData(kbArticleKey(next.id), next); setVersion(next.version); void queryClient.invalidateQueries({ queryKey: [kbResource] }); }} /> : null}
          <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} disabled={uploading} onClick={() => form.submit()} data-testid="kb-save">{t('common.save')}</Button>
        </Space>
      </Flex>
      {banner ? <Alert type="error" showIcon closable title={banner} style={{ marginBottom: 12 }} onClose={() => setBanner(null)} /> : null}
      <Form<Values>
        form={form}
        name="kb-article"
        layout="vertical"
        initialValues={initial}
        onValuesChange={() => setDirty(true)}
        onFinish={(v) => {
          setBanner(null);
          save.mutate(v);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} xl={17}>
            <Card>
              <Form.Item name="title" label={t('kb.fields.title')} rules={[{ required: true, message: t('kb.editor.titleRequired') }, zodRule(shape.title, t)]}>
                <Input maxLength={200} size="large" />
              </Form.Item>
              <Form.Item label={t('kb.fields.body')} required>
                <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                  <RichTextEditor value={body} label={t('kb.fields.body')} onChange={(html) => { setBody(html); setDirty(true); }} />
                </Suspense>
              </Form.Item>
              <ArticleAttachments existing={article?.attachments ?? []} ids={attachmentIds} onBusyChange={setUploading} onChange={(ids) => { setAttachmentIds(ids); setDirty(true); }} />
            </Card>
          </Col>
          <Col xs={24} xl={7}>
            <Card size="small" style={{ marginBottom: 12 }}>
              <Form.Item name="categoryId" label={t('kb.fields.category')}>
                <TreeSelect allowClear treeData={treeData} placeholder={t('kb.editor.noCategory')} showSearch={{ treeNodeFilterProp: 'title' }} />
              </Form.Item>
              <Form.Item name="visibility" label={t('kb.fields.visibility')} extra={t('kb.editor.visibilityHint')}>
                <Select options={(['public', 'internal'] as const).map((v) => ({ value: v, label: t(`kb.visibility.${v}`) }))} />
              </Form.Item>
              <Form.Item name="locale" label={t('kb.fields.locale')}>
                <Select options={locales.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
              </Form.Item>
              <Form.Item name="tags" label={t('kb.fields.tags')}>
                <TagsInput />
              </Form.Item>
              <Form.Item name="relatedIds" label={t('kb.fields.related')}>
                <ArticleSelect known={known} exclude={article?.id} />
              </Form.Item>
            </Card>
            {article ? (
              <Card size="small" title={<span><TranslationOutlined /> {t('kb.editor.translations')}</span>} style={{ marginBottom: 12 }}>
                <Flex vertical gap={6}>
                  {article.translations.map((tr) => (
                    <Link key={tr.id} to={`${base}/articles/${tr.id}`}>{t(`lang.${tr.locale}`)} · {tr.title} <StateTag state={tr.state} /></Link>
                  ))}
                  {locales.filter((l) => l !== article.locale && !article.translations.some((tr) => tr.locale === l)).map((l) => (
                    <Link key={l} to={`${base}/articles/new?translationOf=${article.id}&locale=${l}&title=${encodeURIComponent(article.title)}`}>
                      <Button size="small">{t('kb.editor.addTranslation', { lang: t(`lang.${l}`) })}</Button>
                    </Link>
                  ))}
                </Flex>
              </Card>
            ) : null}
            {article ? <ArticleTickets article={article} /> : null}
          </Col>
        </Row>
      </Form>
    </>
  );
}
