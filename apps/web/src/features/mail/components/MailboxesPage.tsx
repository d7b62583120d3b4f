import { App, Button, Card, Flex, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, MailOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Mailbox } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { useTeamDirectory } from '../../teams/hooks/use-team-directory';
import { deleteMailbox, mailboxesResource } from '../api';
import { useMailboxes } from '../hooks/use-mailboxes';
import { formatInterval } from '../mail-text';
import { PollStatus } from './PollStatus';
import { TestConnectionButton } from './TestConnectionButton';

function Receiving({ mailbox }: { mailbox: Mailbox }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap>
      {mailbox.imap ? (
        <Tooltip title={`${mailbox.imap.user} @ ${mailbox.imap.host}:${mailbox.imap.port} · ${mailbox.imap.folder}`}>
          <Tag color="blue">{t('mail.mailboxes.imapEvery', { interval: formatInterval(mailbox.imap.pollIntervalSeconds, t) })}</Tag>
        </Tooltip>
      ) : (
        <Tooltip title={t('mail.mailboxes.listenerHelp')}>
          <Tag color="cyan">{t('mail.mailboxes.listener')}</Tag>
        </Tooltip>
      )}
      {mailbox.smtp ? (
        <Tooltip title={`${mailbox.smtp.host}:${mailbox.smtp.port}`}>
          <Tag>{t('mail.mailboxes.ownSmtp')}</Tag>
        </Tooltip>
      ) : (
        <Tag>{t('mail.mailboxes.globalSmtp')}</Tag>
      )}
    </Flex>
  );
}

/** 邮箱: the addresses customers write to, how mail reaches Kefu, and whether the last poll worked. */
export function MailboxesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { mailboxes, query } = useMailboxes({ live: true });
  const { byId: teams } = useTeamDirectory();
  const remove = useMutation({
    mutationFn: (m: Mailbox) => deleteMailbox(m.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [mailboxesResource] });
      void message.success(t('common.deleted'));
    },
    onError: (error) => void message.error(problemMessage(error, t)),
  });

  if (query.isError && !query.data) return <ProblemResult error={query.error} home="/admin" onRetry={() => void query.refetch()} />;

  const columns: ColumnsType<Mailbox> = [
    {
      key: 'name',
      title: t('mail.mailboxes.name'),
      render: (_, m) => (
        <Flex gap={6} align="center" wrap>
          <Link to={m.id}><Typography.Text strong>{m.name}</Typography.Text></Link>
          {m.isDefault ? <Tag color="blue">{t('mail.mailboxes.default')}</Tag> : null}
          {m.active ? null : <Tag>{t('mail.mailboxes.inactive')}</Tag>}
        </Flex>
      ),
    },
    { key: 'address', title: t('mail.mailboxes.address'), render: (_, m) => <Typography.Text copyable={{ text: m.address }}>{m.address}</Typography.Text> },
    { key: 'receiving', title: t('mail.mailboxes.receiving'), render: (_, m) => <Receiving mailbox={m} /> },
    { key: 'lastPoll', title: t('mail.mailboxes.lastPoll'), render: (_, m) => <PollStatus mailbox={m} /> },
    { key: 'team', title: t('mail.mailboxes.team'), render: (_, m) => (m.teamId ? (teams.get(m.teamId)?.name ?? '…') : t('common.empty')) },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, m) => (
        <Flex gap={4}>
          <TestConnectionButton mailbox={m} size="small" />
          <Popconfirm
            title={t('mail.mailboxes.deleteConfirm', { name: m.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            disabled={m.isDefault}
            onConfirm={() => remove.mutateAsync(m).catch(() => undefined)}
          >
            <Tooltip title={m.isDefault ? t('mail.mailboxes.deleteDefault') : undefined}>
              <Button size="small" danger type="text" icon={<DeleteOutlined />} disabled={m.isDefault} aria-label={`${t('common.delete')} ${m.name}`} />
            </Tooltip>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('mail.mailboxes.title')}
        description={t('mail.mailboxes.description')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('new')}>{t('mail.mailboxes.create')}</Button>}
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Mailbox>
          rowKey="id"
          columns={columns}
          dataSource={mailboxes}
          loading={query.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <><MailOutlined /> {t('mail.mailboxes.empty')}</> }}
        />
      </Card>
    </>
  );
}
