import { useState } from 'react';
import { Alert, Button, Flex, Modal, Tag, Typography, type ButtonProps } from 'antd';
import { ApiOutlined, CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Mailbox, MailboxTestResult } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { mailboxesResource, testMailbox } from '../api';

interface PartProps {
  label: string;
  ok: boolean;
  error: string | undefined;
  detail: string;
  testId: string;
}

function Part({ label, ok, error, detail, testId }: PartProps) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4} data-testid={testId} data-ok={ok} style={{ padding: '10px 12px', borderRadius: 8, background: ok ? 'var(--ant-color-success-bg)' : 'var(--ant-color-error-bg)' }}>
      <Flex gap={8} align="center">
        {ok ? <CheckCircleFilled style={{ color: 'var(--ant-color-success)' }} aria-hidden /> : <CloseCircleFilled style={{ color: 'var(--ant-color-error)' }} aria-hidden />}
        <Typography.Text strong>{label}</Typography.Text>
        <Tag color={ok ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>{ok ? t('mail.test.ok') : t('mail.test.failed')}</Tag>
      </Flex>
      {/* The server's own words (DNS, refused, TLS, authentication …): what the admin needs to fix it. */}
      {ok ? <Typography.Text type="secondary">{detail}</Typography.Text> : <Typography.Text type="danger" code style={{ whiteSpace: 'pre-wrap' }}>{error}</Typography.Text>}
    </Flex>
  );
}

// A server may list hundreds of folders; the first few tell the admin what the folder setting should be.
const foldersText = (folders: string[]) => (folders.length > 12 ? `${folders.slice(0, 12).join(', ')} …` : folders.join(', '));

function ResultView({ result }: { result: MailboxTestResult }) {
  const { t } = useTranslation();
  const { imap, smtp } = result;
  if (!imap && !smtp) return <Alert type="info" showIcon title={t('mail.test.nothing')} />;
  return (
    <Flex vertical gap={10}>
      {imap ? (
        <Part
          testId="test-imap"
          label={t('mail.test.imap')}
          ok={imap.ok}
          error={imap.error}
          detail={[
            imap.messages === undefined ? t('mail.test.imapOkShort') : t('mail.test.imapOk', { count: imap.messages }),
            imap.folders?.length ? t('mail.test.folders', { folders: foldersText(imap.folders) }) : '',
          ].filter(Boolean).join(' · ')}
        />
      ) : null}
      {smtp ? <Part testId="test-smtp" label={t('mail.test.smtp')} ok={smtp.ok} error={smtp.error} detail={t('mail.test.smtpOk')} /> : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mail.test.savedOnly')}</Typography.Text>
    </Flex>
  );
}

/** Tries the mailbox's saved IMAP and SMTP accounts and shows each part's exact failure. */
export function TestConnectionButton({ mailbox, ...button }: { mailbox: Mailbox } & Omit<ButtonProps, 'onClick' | 'loading'>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const test = useMutation({
    mutationFn: () => testMailbox(mailbox.id),
    onSettled: () => {
      setOpen(true);
      // A test of the IMAP account may record the poll status too; show it in the list.
      void queryClient.invalidateQueries({ queryKey: [mailboxesResource] });
    },
  });
  return (
    <>
      <Button icon={<ApiOutlined />} loading={test.isPending} onClick={() => test.mutate()} {...button}>
        {t('mail.test.action')}
      </Button>
      <Modal
        open={open}
        title={t('mail.test.title', { name: mailbox.name })}
        onCancel={() => setOpen(false)}
        footer={<Button onClick={() => setOpen(false)}>{t('common.close')}</Button>}
        destroyOnHidden
      >
        <div data-testid="connection-test-result" data-ok={test.data?.ok ?? false}>
          {test.error ? <Alert type="error" showIcon title={problemMessage(test.error, t)} /> : test.data ? <ResultView result={test.data} /> : null}
        </div>
      </Modal>
    </>
  );
}
