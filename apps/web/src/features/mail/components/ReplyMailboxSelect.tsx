import { Flex, Select, Tooltip, Typography } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReplyMailboxOption } from '../hooks/use-reply-mailboxes';

interface ReplyMailboxSelectProps {
  options: ReplyMailboxOption[];
  value: string | undefined;
  onChange: (id: string) => void;
  disabled?: boolean;
}

/** The mailbox a public reply on an email conversation goes out from. */
export function ReplyMailboxSelect({ options, value, onChange, disabled }: ReplyMailboxSelectProps) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('mail.reply.mailboxHint')}>
      <Flex gap={6} align="center" data-testid="reply-mailbox">
        <MailOutlined aria-hidden style={{ color: 'var(--ant-color-text-tertiary)' }} />
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{t('mail.reply.mailbox')}</Typography.Text>
        <Select
          size="small"
          aria-label={t('mail.reply.mailbox')}
          disabled={disabled || options.length === 0}
          value={value}
          onChange={onChange}
          options={options}
          popupMatchSelectWidth={false}
          style={{ minWidth: 200, maxWidth: 320 }}
        />
      </Flex>
    </Tooltip>
  );
}
