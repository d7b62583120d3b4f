import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { problemMessage } from '../../../shared/api/problem-message';
import { createKbArticleFromTicket, kbResource } from '../api';

/** Opens a draft article prefilled by the server from the ticket (subject, the conversation's answer). */
export function useArticleFromTicket(successKey: 'kb.fromTicket.created' | 'kb.fromTicket.lessonDraft' = 'kb.fromTicket.created') {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ticketId: string) => createKbArticleFromTicket({ ticketId }),
    onSuccess: (article) => {
      void queryClient.invalidateQueries({ queryKey: [kbResource] });
      void message.success(t(successKey));
      void navigate(`${pathname.startsWith('/admin') ? '/admin' : '/agent'}/kb/articles/${article.id}`);
    },
    onError: (error) => void message.error(problemMessage(error, t)),
  });
}
