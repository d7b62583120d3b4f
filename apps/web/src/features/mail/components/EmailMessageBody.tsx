import { useMemo, useState, type CSSProperties } from 'react';
import { Button, Flex, Tooltip, Typography } from 'antd';
import { PictureOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EmailMeta, Message } from '@kefu/contracts';
import { emailHtmlFacts, revealRemoteImages } from '../email-html';
import { useMailboxLabel } from '../hooks/use-mailbox-label';
import { useRefreshWhileQueued } from '../hooks/use-refresh-while-queued';
import { EmailHeader } from './EmailHeader';
import { MessageAttachments } from './MessageAttachments';
import '../mail.css';

interface EmailMessageBodyProps {
  message: Message & { email: EmailMeta };
  /** The conversation's bubble (colours by author), shared with messages that did not travel by email. */
  style: CSSProperties;
}

/**
 * The bubble of an email message: its header, the body with quoted history folded behind "…" and
 * remote images blocked until asked for (for this message only), and its attachments.
 */
export function EmailMessageBody({ message, style }: EmailMessageBodyProps) {
  const { t } = useTranslation();
  const { email } = message;
  const [quotes, setQuotes] = useState(false);
  const [images, setImages] = useState(false);
  const facts = useMemo(() => emailHtmlFacts(message.bodyHtml), [message.bodyHtml]);
  const html = useMemo(() => (images ? revealRemoteImages(message.bodyHtml) : message.bodyHtml), [images, message.bodyHtml]);
  const mailboxLabel = useMailboxLabel(email);
  useRefreshWhileQueued(message.ticketId, email.deliveryState === 'queued');

  return (
    <div style={style} data-testid="email-message">
      <EmailHeader email={email} mailboxLabel={mailboxLabel} />
      {facts.remoteImages > 0 && !images ? (
        <Flex gap={8} align="center" wrap style={{ marginBottom: 8, fontSize: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <PictureOutlined aria-hidden /> {t('mail.message.imagesBlocked', { count: facts.remoteImages })}
          </Typography.Text>
          <Button size="small" onClick={() => setImages(true)}>{t('mail.message.showImages')}</Button>
        </Flex>
      ) : null}
      <div
        className="kefu-message-body kefu-email-body"
        data-quotes={quotes ? 'shown' : 'folded'}
        // Sanitized by the server (allow-list) before it was stored; revealing images only sets img src to http(s) URLs.
        dangerouslySetInnerHTML={{ __html: html }}
      />
      {facts.hasQuote ? (
        <Tooltip title={quotes ? t('mail.message.hideQuote') : t('mail.message.showQuote')}>
          <Button
            size="small"
            className="kefu-quote-toggle"
            aria-expanded={quotes}
            aria-label={quotes ? t('mail.message.hideQuote') : t('mail.message.showQuote')}
            onClick={() => setQuotes((q) => !q)}
            data-testid="quote-toggle"
          >
            …
          </Button>
        </Tooltip>
      ) : null}
      <MessageAttachments attachments={message.attachments} html={message.bodyHtml} />
    </div>
  );
}
