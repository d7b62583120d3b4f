import { Flex, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Mailbox } from '@kefu/contracts';
import { formatDateTime, fromNow } from '../../../shared/ui/format';

/** The last IMAP poll: when, how many messages it stored, and the exact failure in red. */
export function PollStatus({ mailbox }: { mailbox: Mailbox }) {
  const { t } = useTranslation();
  if (!mailbox.imap) return <Typography.Text type="secondary">{t('mail.mailboxes.notPolled')}</Typography.Text>;
  if (!mailbox.lastPollAt) return <Typography.Text type="secondary">{t('mail.mailboxes.neverPolled')}</Typography.Text>;
  const when = (
    <Tooltip title={formatDateTime(mailbox.lastPollAt)}>
      <time dateTime={mailbox.lastPollAt}>{fromNow(mailbox.lastPollAt)}</time>
    </Tooltip>
  );
  if (mailbox.lastPollError) {
    return (
      <Flex vertical gap={2} data-testid="poll-status" data-state="failed" style={{ maxWidth: 200 }}>
        <Flex gap={4} align="center">
          <Tag color="error" icon={<CloseCircleOutlined />} style={{ marginInlineEnd: 0 }}>{t('mail.mailboxes.pollFailed')}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{when}</Typography.Text>
        </Flex>
        <Typography.Text type="danger" style={{ fontSize: 12 }} ellipsis={{ tooltip: mailbox.lastPollError }}>
          {mailbox.lastPollError}
        </Typography.Text>
      </Flex>
    );
  }
  return (
    <Flex gap={6} align="center" data-testid="poll-status" data-state="ok">
      <CheckCircleOutlined style={{ color: 'var(--ant-color-success)' }} aria-hidden />
      <span>{when}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('mail.mailboxes.stored', { count: mailbox.lastPollCount ?? 0 })}
      </Typography.Text>
    </Flex>
  );
}
