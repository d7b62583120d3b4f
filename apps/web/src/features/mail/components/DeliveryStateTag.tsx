import { Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EmailMeta } from '@kefu/contracts';

/** Where an outgoing reply is: waiting for the sending job, handed to the mail server, or failed (reason on hover). */
export function DeliveryStateTag({ email }: { email: EmailMeta }) {
  const { t } = useTranslation();
  const state = email.deliveryState;
  if (state === 'received') return null;
  const label = t(`mail.message.delivery.${state}`);
  const tag =
    state === 'failed' ? (
      <Tag color="error" icon={<CloseCircleOutlined />} style={{ marginInlineEnd: 0 }}>{label}</Tag>
    ) : state === 'sent' ? (
      <Tag color="success" icon={<CheckCircleOutlined />} style={{ marginInlineEnd: 0 }}>{label}</Tag>
    ) : (
      <Tag color="processing" icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }}>{label}</Tag>
    );
  return (
    <span data-testid="delivery-state" data-state={state}>
      {state === 'failed' ? (
        <Tooltip title={t('mail.message.failedReason', { reason: email.deliveryError ?? t('mail.message.unknownReason') })}>{tag}</Tooltip>
      ) : tag}
    </span>
  );
}
