import { App, Button, Popconfirm, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { kbArticleTransitions, type KbArticle, type KbArticleState } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { changeKbArticleState } from '../api';

const label = { published: 'kb.actions.publish', draft: 'kb.actions.toDraft', archived: 'kb.actions.archive' } as const satisfies Record<KbArticleState, string>;

/** Publish, unpublish, archive, bring back as draft: the moves the server allows from here. */
export function ArticleStateActions({ article, dirty, onChanged }: { article: KbArticle; dirty: boolean; onChanged: (next: KbArticle) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const change = useMutation({
    mutationFn: (state: KbArticleState) => changeKbArticleState(article.id, { state }),
    onSuccess: (next) => {
      onChanged(next);
      void message.success(t(`kb.actions.done.${next.state}`));
    },
    onError: (error) => void message.error(problemMessage(error, t)),
  });
  return (
    <Space>
      {kbArticleTransitions[article.state].map((to) => (
        <Popconfirm key={to} title={dirty ? t('kb.actions.unsaved') : t(`kb.actions.confirm.${to}`)} onConfirm={() => change.mutate(to)} okText={t(label[to])} cancelText={t('common.cancel')}>
          <Button type={to === 'published' ? 'primary' : 'default'} ghost={to === 'published'} loading={change.isPending && change.variables === to} data-testid={`kb-action-${to}`}>
            {t(label[to])}
          </Button>
        </Popconfirm>
      ))}
    </Space>
  );
}
