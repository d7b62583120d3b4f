import { App, Form, Input, Modal, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FollowUp } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { completeFollowUp, followUpsResource, type FollowUpOutcome } from '../api';

interface Values {
  outcome: FollowUpOutcome;
  note: string;
}

/** The follow-up call's result; "not satisfied" sends the complaint back for another round. */
export function CompleteFollowUpModal({ followUp, onClose }: { followUp: FollowUp | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => completeFollowUp(followUp!.id, { outcome: v.outcome, note: v.note?.trim() ?? '' }),
    onSuccess: (done) => {
      void queryClient.invalidateQueries({ queryKey: [followUpsResource] });
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      if (done.outcome === 'not_satisfied') void message.warning(t('followUps.reopened'), 6);
      else void message.success(t('followUps.completed'));
      onClose();
    },
    onError: (error) => void message.error(problemMessage(error, t)),
  });

  return (
    <Modal
      open={followUp !== null}
      title={t('followUps.complete')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v), () => undefined)}
    >
      <Form<Values> form={form} name="complete-follow-up" layout="vertical" preserve={false} initialValues={{ outcome: 'satisfied', note: '' }}>
        <Form.Item name="outcome" label={t('followUps.outcomeLabel')}>
          <Radio.Group
            options={(['satisfied', 'not_satisfied', 'unreachable'] as const).map((o) => ({ value: o, label: t(`followUps.outcome.${o}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('followUps.note')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={10_000} placeholder={t('followUps.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
