import { Alert, Button, Flex, Tooltip } from 'antd';
import { DownloadOutlined, MailOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EmailMeta } from '@kefu/contracts';
import { formatAddress } from '../mail-text';
import { DeliveryStateTag } from './DeliveryStateTag';

interface EmailHeaderProps {
  email: EmailMeta;
  /** The mailbox's name when the reader may see mailboxes; its address otherwise. */
  mailboxLabel: string | undefined;
}

/** From, to, cc, subject and mailbox of a message that travelled by email, with its delivery state and the original. */
export function EmailHeader({ email, mailboxLabel }: EmailHeaderProps) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t('mail.message.from'), email.from ? formatAddress(email.from) : t('common.empty')],
    [t('mail.message.to'), email.to.map(formatAddress).join(', ') || t('common.empty')],
    ...(email.cc.length ? ([[t('mail.message.cc'), email.cc.map(formatAddress).join(', ')]] as [string, string][]) : []),
    [t('mail.message.subject'), email.subject || t('common.empty')],
    ...(mailboxLabel ? ([[t('mail.message.mailbox'), mailboxLabel]] as [string, string][]) : []),
  ];
  return (
    <div data-testid="email-header" data-direction={email.direction}>
      {email.flagged ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8, padding: '6px 10px' }}
          title={t('mail.message.flagged')}
          description={t('mail.message.flaggedHelp')}
          data-testid="email-flagged"
        />
      ) : null}
      <Flex justify="space-between" align="flex-start" gap={8}>
        <dl className="kefu-email-header" aria-label={t('mail.message.email')} style={{ flex: 1, minWidth: 0 }}>
          {rows.map(([label, value]) => (
            <div key={label} style={{ display: 'contents' }}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <Flex gap={4} align="center" style={{ flexShrink: 0 }}>
          <MailOutlined aria-hidden style={{ color: 'var(--ant-color-text-tertiary)' }} />
          <DeliveryStateTag email={email} />
          {email.rawUrl ? (
            <Tooltip title={t('mail.message.showOriginalHelp')}>
              <Button size="small" type="link" icon={<DownloadOutlined />} href={email.rawUrl} download>
                {t('mail.message.showOriginal')}
              </Button>
            </Tooltip>
          ) : null}
        </Flex>
      </Flex>
    </div>
  );
}
