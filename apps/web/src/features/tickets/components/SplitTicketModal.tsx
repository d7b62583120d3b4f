import { App, Alert, Form, Input, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { splitTicketBodySchema } from '@kefu/contracts';
import { zodRule } from '../../../shared/forms/zod-rule';
import { splitTicket, ticketsResource } from '../api';
import { ticketNumber } from '../format';
import { useTicketWorkspace } from '../hooks/use-ticket';
import { useTicketWriteErrors } from '../hooks/use-ticket-write';
import type { Message } from '../types';

const EXCERPT = 280;

/** Starts a new ticket from one public message (a second question in the same thread). */
export function SplitTicketModal({ message: m, onClose }: { message: Message | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { ticket } = useTicketWorkspace();
  const onWriteError = useTicketWriteErrors();
  const [form] = Form.useForm<{ subject: string }>();

  const split = useMutation({
    mutationFn: ({ messageId, subject }: { messageId: string; subject: string }) => splitTicket(ticket.id, { messageId, subject }),
    onSuccess: (created) => {
      void message.success(t('ticketTools.split.done', { number: ticketNumber(created.number) }));
      void queryClient.invalidateQueries({ queryKey: [ticketsResource] });
      onClose();
      void navigate(`/agent/tickets/${created.id}`);
    },
    onError: onWriteError,
  });

  const text = m?.bodyText.trim() ?? '';
  return (
    <Modal
      open={m !== null}
      title={t('ticketTools.split.title')}
      okText={t('ticketTools.split.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={split.isPending}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => m && split.mutate({ messageId: m.id, subject: v.subject.trim() }), () => undefined)}
    >
      <Alert type="info" showIcon title={t('ticketTools.split.hint')} style={{ marginBottom: 12 }} />
      {m ? (
        <blockquote className="kefu-split-quote">
          <Typography.Text strong style={{ fontSize: 13 }}>{m.authorName}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', whiteSpace: 'pre-line' }}>
            {text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text}
          </Typography.Paragraph>
        </blockquote>
      ) : null}
      <Form form={form} name="split-ticket" layout="vertical" preserve={false} initialValues={{ subject: ticket.subject }}>
        <Form.Item name="subject" label={t('ticketTools.split.subject')} rules={[zodRule(splitTicketBodySchema.shape.subject.unwrap(), t)]}>
          <Input maxLength={300} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
