import { Button, Card, Flex, List, Typography } from 'antd';
import { BulbOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../../i18n';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value';
import { kbResource, portalArticlePath, suggestKb } from '../api';
import '../kb.css';

interface ArticleSuggestionsProps {
  /** What the customer is typing (the request's subject). */
  text: string;
  /** "This solved my problem" on one of them. */
  onSolved: (articleId: string) => void;
  solving?: string | null;
}

/** Articles that may already answer the request, updated as the subject is typed (debounced). */
export function ArticleSuggestions({ text, onSolved, solving }: ArticleSuggestionsProps) {
  const { t } = useTranslation();
  const q = useDebouncedValue(text.trim(), 350);
  const lang = currentLocale();
  const suggest = useQuery({
    queryKey: [kbResource, 'suggest', q, lang],
    queryFn: ({ signal }) => suggestKb(q, lang, signal),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const items = q.length >= 2 ? (suggest.data?.items ?? []) : [];
  if (items.length === 0) return null;
  return (
    <Card size="small" data-testid="kb-suggestions" className="kefu-suggest" style={{ background: '#f6ffed', borderColor: '#b7eb8f', marginBottom: 16 }}
      title={<span><BulbOutlined style={{ color: '#52c41a', marginInlineEnd: 6 }} />{t('kb.portal.suggestTitle')}</span>}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('kb.portal.suggestHint')}</Typography.Paragraph>
      <List
        size="small"
        dataSource={items}
        renderItem={(a) => (
          <List.Item data-testid="kb-suggestion">
            <Flex justify="space-between" align="center" gap={8} style={{ width: '100%' }} wrap>
              <Link to={portalArticlePath(a.id)} target="_blank" rel="noopener">
                {/* The server escapes the title and adds only <mark> around matches. */}
                <span dangerouslySetInnerHTML={{ __html: a.titleHtml }} />
              </Link>
              <Button size="small" icon={<CheckCircleOutlined />} loading={solving === a.id} onClick={() => onSolved(a.id)}>
                {t('kb.portal.solved')}
              </Button>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
