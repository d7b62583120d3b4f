import { useState } from 'react';
import { App, Button, Flex, Input } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { addMessage } from '../../tickets/api';
import { uploadAttachment } from '../api';
import { FileUpload, type UploadedFile } from './FileUpload';

/** The customer's reply on their request, with files. */
export function PortalReplyForm({ ticket, onSent }: { ticket: Ticket; onSent: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(false);
  // Remounting the upload list clears it after a send.
  const [round, setRound] = useState(0);
  const send = useMutation({
    mutationFn: () => addMessage(ticket.id, { body: text, attachmentIds: files.map((f) => f.id) }),
    onSuccess: () => {
      setText('');
      setFiles([]);
      setRound((r) => r + 1);
      void message.success(t('tickets.reply.sent'));
      onSent();
    },
    onError: (error) => void message.error(problemMessage(error, t)),
  });
  const empty = !text.trim() && files.length === 0;
  return (
    <Flex vertical gap={8}>
      <Input.TextArea
        value={text}
        aria-label={t('kb.portal.replyLabel')}
        placeholder={t('kb.portal.replyPlaceholder')}
        autoSize={{ minRows: 3, maxRows: 12 }}
        maxLength={20_000}
        onChange={(e) => setText(e.target.value)}
      />
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <FileUpload key={round} upload={uploadAttachment} onChange={setFiles} onBusyChange={setUploading} />
        <Button type="primary" icon={<SendOutlined />} disabled={empty || uploading} loading={send.isPending} onClick={() => send.mutate()}>
          {t('kb.portal.sendReply')}
        </Button>
      </Flex>
    </Flex>
  );
}
