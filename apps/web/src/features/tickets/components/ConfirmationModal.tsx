import { Form, Input, Modal, Radio } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { App } from 'antd';
import { recordConfirmation } from '../api';
import { useTicketWorkspace } from '../hooks/use-ticket';
import { useTicketWriteErrors } from '../hooks/use-ticket-write';

interface Values {
  outcome: 'confirmed' | 'unreachable';
  note: string;
}

/** The customer's word on the remedy, or why they could not be reached (a note is then required). */
export function ConfirmationModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ws = useTicketWorkspace();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const onWriteError = useTicketWriteErrors();
  const save = useMutation({
    mutationFn: (v: Values) => recordConfirmation(ws.ticket.id, { outcome: v.outcome, note: v.note?.trim() ?? '' }),
    onSuccess: (next) => {
      ws.applyTicket(next);
      void message.success(t('tickets.complaint.confirmationSaved'));
      onClose();
    },
    onError: onWriteError,
  });

  return (
    <Modal
      open={open}
      title={t('tickets.complaint.recordConfirmation')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v), () => undefined)}
    >
      <Form<Values> form={form} name="complaint-confirmation" layout="vertical" preserve={false} initialValues={{ outcome: 'confirmed', note: '' }}>
        <Form.Item name="outcome" label={t('tickets.complaint.outcome')}>
          <Radio.Group
            options={[
              { value: 'confirmed', label: t('tickets.complaint.confirmation.confirmed') },
              { value: 'unreachable', label: t('tickets.complaint.confirmation.unreachable') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('tickets.complaint.confirmationNote')}
          rules={[{ required: outcome === 'unreachable', whitespace: true, message: t('tickets.complaint.noteRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={10_000} placeholder={outcome === 'unreachable' ? t('tickets.complaint.unreachablePlaceholder') : undefined} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
