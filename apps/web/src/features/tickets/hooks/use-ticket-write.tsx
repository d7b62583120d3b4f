import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { statusMoves, ticketStatuses, type Ticket, type TicketStatus } from '@kefu/contracts';
import { isApiError } from '../../../shared/api/client';
import { problemMessage } from '../../../shared/api/problem-message';
import { useStaffDirectory } from './use-staff';
import { useTicketWorkspace } from './use-ticket';

const isTicket = (v: unknown): v is Ticket => typeof v === 'object' && v !== null && 'version' in v && 'status' in v && 'id' in v;
const isStatus = (v: unknown): v is TicketStatus => typeof v === 'string' && (ticketStatuses as readonly string[]).includes(v);

/**
 * How a failed write on a ticket is told: 412 raises the page's "changed by someone else" banner;
 * 409 explains the conflict in the reader's language with the ticket as it is now.
 */
export function useTicketWriteErrors() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const ws = useTicketWorkspace();
  const { nameOf } = useStaffDirectory();

  return (error: unknown) => {
    if (!isApiError(error)) {
      void message.error(problemMessage(error, t));
      return;
    }
    if (error.status === 412) {
      ws.setStale(true);
      return;
    }
    if (error.status === 409) {
      const current = isTicket(error.problem.current) ? error.problem.current : undefined;
      const field = error.fieldErrors[0]?.field;
      let content: string;
      if (field === 'status') {
        const from = current?.status ?? ws.ticket.status;
        const allowed = statusMoves[from].map((s) => t(`tickets.status.${s}`)).join('、') || t('tickets.timeline.none');
        content = t('tickets.conflict.statusMove', { from: t(`tickets.status.${from}`), allowed });
      } else if (current && current.assigneeId && current.assigneeId !== ws.ticket.assigneeId) {
        content = t('tickets.conflict.assigned', { name: nameOf(current.assigneeId) ?? '…' });
      } else {
        const details = [error.problem.detail, ...error.fieldErrors.map((f) => `${f.field}: ${f.message}`)].filter(Boolean);
        content = [problemMessage(error, t), ...details].join('\n');
      }
      const state = current && isStatus(current.status)
        ? t('tickets.conflict.current', { status: t(`tickets.status.${current.status}`), assignee: nameOf(current.assigneeId) ?? t('tickets.unassigned') })
        : undefined;
      modal.warning({
        title: t('tickets.conflict.title'),
        content: <div style={{ whiteSpace: 'pre-line' }}>{state ? `${content}\n${state}` : content}</div>,
        onOk: () => void ws.reload(),
      });
      return;
    }
    const details = error.fieldErrors.map((f) => `${f.field}: ${f.message}`);
    void message.error([problemMessage(error, t), ...details].join(' '));
  };
}
