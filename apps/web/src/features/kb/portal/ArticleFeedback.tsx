import { useState } from 'react';
import { App, Button, Flex, Input, Typography } from 'antd';
import { DislikeOutlined, LikeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KbFeedbackCounts } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { kbArticleKey, voteKbArticle } from '../api';

interface ArticleFeedbackProps {
  articleId: string;
  myVote: KbFeedbackCounts['myVote'];
  /** Shown above the buttons; defaults to "Was this article helpful?". */
  question?: string;
}

/** Helpful / not helpful, with an optional comment; a second vote replaces the first. */
export function ArticleFeedback({ articleId, myVote, question }: ArticleFeedbackProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [vote, setVote] = useState(myVote);
  const [choice, setChoice] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const send = useMutation({
    mutationFn: (body: { helpful: boolean; comment: string | null }) => voteKbArticle(articleId, body),
    onSuccess: (counts) => {
      setVote(counts.myVote ?? { helpful: choice ?? true, comment: comment || null });
      setChoice(null);
      void queryClient.invalidateQueries({ queryKey: kbArticleKey(articleId) });
      void message.success(t('kb.feedback.thanks'));
    },
    onError: (error) => void message.error(problemMessage(error, t)),
  });

  return (
    <Flex vertical gap={8} data-testid="kb-feedback" style={{ padding: '12px 16px', borderRadius: 8, background: 'var(--ant-color-fill-quaternary)' }}>
      <Flex align="center" gap={12} wrap>
        <Typography.Text strong>{question ?? t('kb.feedback.question')}</Typography.Text>
        <Button icon={<LikeOutlined />} type={(choice ?? vote?.helpful) === true ? 'primary' : 'default'} onClick={() => setChoice(true)}>{t('kb.feedback.helpful')}</Button>
        <Button icon={<DislikeOutlined />} type={(choice ?? vote?.helpful) === false ? 'primary' : 'default'} onClick={() => setChoice(false)}>{t('kb.feedback.notHelpful')}</Button>
        {vote && choice === null ? <Typography.Text type="secondary" data-testid="kb-voted">{t('kb.feedback.voted')}</Typography.Text> : null}
      </Flex>
      {choice !== null ? (
        <Flex vertical gap={8}>
          <Input.TextArea
            value={comment}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            aria-label={t('kb.feedback.comment')}
            placeholder={t(choice ? 'kb.feedback.commentPlaceholderGood' : 'kb.feedback.commentPlaceholderBad')}
            onChange={(e) => setComment(e.target.value)}
          />
          <Flex gap={8}>
            <Button type="primary" loading={send.isPending} onClick={() => send.mutate({ helpful: choice, comment: comment.trim() || null })}>{t('kb.feedback.send')}</Button>
            <Button onClick={() => setChoice(null)}>{t('common.cancel')}</Button>
          </Flex>
        </Flex>
      ) : null}
    </Flex>
  );
}
