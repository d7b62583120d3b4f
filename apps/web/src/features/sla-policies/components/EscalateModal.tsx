import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { escalateTicketBodySchema, limits, maxEscalationLevel, type Ticket } from '@kefu/contracts';
import { isApiError } from '../../../shared/api/client';
import { problemMessage } from '../../../shared/api/problem-message';
import { applyServerErrors } from '../../../shared/forms/server-errors';
import { zodRule } from '../../../shared/forms/zod-rule';
import { escalateTicket } from '../api';

interface EscalateModalProps {
  open: boolean;
  ticket: Pick<Ticket, 'id' | 'escalationLevel'>;
  /** Customers read what happens next in their own words; staff read the level it goes to. */
  audience: 'staff' | 'customer';
  onClose: () => void;
  onEscalated: (ticket: Ticket) => void;
}

/** Asks for the reason and raises the ticket one level; refusals (409, 429) are explained in place. */
export function EscalateModal({ open, ticket, audience, onClose, onEscalated }: EscalateModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const next = Math.min(ticket.escalationLevel + 1, maxEscalationLevel);

  const refusalText = (error: unknown): string | null => {
    if (!isApiError(error)) return problemMessage(error, t);
    if (error.status === 429) return t('sla.escalate.rateLimited');
    if (error.status === 409) {
      const field = error.fieldErrors[0]?.field;
      if (field === 'status') return t('sla.escalate.closed');
      if (audience === 'customer' && ticket.escalationLevel < maxEscalationLevel) return t('sla.escalate.alreadyByYou');
      return t('sla.escalate.atTop', { level: maxEscalationLevel });
    }
    if (error.status === 400 && applyServerErrors(form, error, ['reason'], t).length === 0) return null;
    return problemMessage(error, t);
  };

  const escalate = useMutation({
    mutationFn: (reason: string) => escalateTicket(ticket.id, reason),
    onSuccess: (after) => {
      void message.success(audience === 'customer' ? t('sla.escalate.doneCustomer') : t('sla.escalate.done', { level: after.escalationLevel }));
      onEscalated(after);
      onClose();
    },
    onError: (error) => setRefusal(refusalText(error)),
  });

  const submit = async () => {
    setRefusal(null);
    try {
      const { reason } = await form.validateFields();
      escalate.mutate(reason.trim());
    } catch {
      // The field shows what is wrong.
    }
  };

  return (
    <Modal
      open={open}
      title={audience === 'customer' ? t('sla.escalate.customerTitle') : t('sla.escalate.title')}
      okText={t('sla.escalate.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: escalate.isPending }}
      onOk={() => void submit()}
      onCancel={onClose}
      afterOpenChange={(visible) => {
        if (!visible) {
          setRefusal(null);
          form.resetFields();
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        {audience === 'customer' ? t('sla.escalate.customerHint') : t('sla.escalate.staffHint', { from: ticket.escalationLevel, to: next })}
      </Typography.Paragraph>
      {refusal ? <Alert type="warning" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="escalate-refusal" /> : null}
      <Form form={form} layout="vertical" name="escalate">
        <Form.Item name="reason" label={t('sla.escalate.reason')} rules={[zodRule(escalateTicketBodySchema.shape.reason, t)]}>
          <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 8 }} maxLength={limits.note} placeholder={t('sla.escalate.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
