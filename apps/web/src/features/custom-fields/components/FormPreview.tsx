import { useState } from 'react';
import { App, Button, Empty, Flex, Form, Modal, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ticketTypes, type CustomField, type TicketType } from '@kefu/contracts';
import { CustomFieldInputs } from './CustomFieldInputs';

/** The form as an agent or a customer will fill it in, for one ticket type, with the live rules. */
export function FormPreview({ open, onClose, fields }: { open: boolean; onClose: () => void; fields: readonly CustomField[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [ticketType, setTicketType] = useState<TicketType>('inquiry');
  const [actor, setActor] = useState<'staff' | 'customer'>('staff');
  const check = async () => {
    try {
      await form.validateFields();
      void message.success(t('customFields.preview.valid'));
    } catch {
      // antd shows each field's error beside it
    }
  };

  return (
    <Modal open={open} onCancel={onClose} title={t('customFields.preview.title')} footer={null} width={640} destroyOnHidden>
      <Flex vertical gap={12} style={{ marginBottom: 16 }}>
        <Segmented<TicketType> value={ticketType} onChange={setTicketType} options={ticketTypes.map((type) => ({ value: type, label: t(`customFields.types.${type}`) }))} />
        <Segmented<'staff' | 'customer'>
          value={actor}
          onChange={setActor}
          options={[
            { value: 'staff', label: t('customFields.preview.staff') },
            { value: 'customer', label: t('customFields.preview.customer') },
          ]}
        />
        <Typography.Text type="secondary">{t('customFields.preview.hint')}</Typography.Text>
      </Flex>
      <Form form={form} layout="vertical" name="customFieldPreview" key={`${ticketType}-${actor}`}>
        <CustomFieldInputs defs={fields} ticketType={ticketType} actor={actor} />
      </Form>
      {fields.length === 0 ? <Empty description={t('customFields.empty')} /> : null}
      <Flex justify="flex-end">
        <Button type="primary" onClick={() => void check()}>
          {t('customFields.preview.check')}
        </Button>
      </Flex>
    </Modal>
  );
}
