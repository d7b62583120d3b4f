import { Flex, Tooltip } from 'antd';
import { FileImageOutlined, FileOutlined, FilePdfOutlined, FileZipOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '@kefu/contracts';
import { inlineAttachmentIds } from '../email-html';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Icon({ type }: { type: string }) {
  if (type.startsWith('image/')) return <FileImageOutlined aria-hidden />;
  if (type === 'application/pdf') return <FilePdfOutlined aria-hidden />;
  if (/zip|compressed|x-7z|x-rar|gzip/.test(type)) return <FileZipOutlined aria-hidden />;
  return <FileOutlined aria-hidden />;
}

/** A message's files, each a download; images the body already shows inline are not listed twice. */
export function MessageAttachments({ attachments, html }: { attachments: Attachment[]; html: string }) {
  const { t } = useTranslation();
  const inline = inlineAttachmentIds(html);
  const files = attachments.filter((a) => !inline.has(a.id));
  if (files.length === 0) return null;
  return (
    <Flex gap={6} wrap align="center" style={{ marginTop: 8 }} role="list" aria-label={t('mail.message.attachments')} data-testid="message-attachments">
      <PaperClipOutlined aria-hidden style={{ color: 'var(--ant-color-text-tertiary)' }} />
      {files.map((a) => (
        <span role="listitem" key={a.id}>
          <Tooltip title={`${a.filename} · ${a.contentType}`}>
            {/* The server decides inline vs download from the bytes it detected, and names the file safely. */}
            <a className="kefu-attachment" href={`/api/v1/attachments/${a.id}`} target="_blank" rel="noopener noreferrer" download={a.filename}>
              <Icon type={a.contentType} />
              <span className="kefu-attachment-name">{a.filename}</span>
              <span style={{ color: 'var(--ant-color-text-tertiary)', flexShrink: 0 }}>{sizeText(a.size)}</span>
            </a>
          </Tooltip>
        </span>
      ))}
    </Flex>
  );
}
