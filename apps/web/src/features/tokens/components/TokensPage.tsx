import { useState } from 'react';
import { Alert, App, Badge, Button, Card, Modal, Popconfirm, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { formatDateTime, fromNow } from '../../../shared/ui/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { RoleTag } from '../../../shared/ui/RoleTag';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { createToken, listTokens, revokeToken, tokensResource } from '../api';
import { CreateTokenModal } from './CreateTokenModal';

type TokenStatus = 'active' | 'revoked' | 'expired';

function statusOf(token: ApiToken, now = Date.now()): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

export function TokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: [tokensResource], queryFn: ({ signal }) => listTokens(signal) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [tokensResource] });
  const create = useMutation({
    mutationFn: createToken,
    onSuccess: (created) => {
      setCreating(false);
      setSecret(created.secret);
      void refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeToken(token.id),
    onSuccess: () => {
      void message.success(t('tokens.revoked'));
      void refresh();
    },
    onError: (error) => void message.error(problemMessage(error, t)),
  });

  if (tokens.isError) return <ProblemResult error={tokens.error} onRetry={() => void tokens.refetch()} />;

  const statusText: Record<TokenStatus, string> = {
    active: t('tokens.statusActive'),
    revoked: t('tokens.statusRevoked'),
    expired: t('tokens.statusExpired'),
  };
  const columns: ColumnsType<ApiToken> = [
    {
      key: 'name',
      title: t('tokens.name'),
      render: (_, token) => (
        <span>
          <KeyOutlined style={{ color: 'var(--ant-color-text-tertiary)', marginInlineEnd: 8 }} />
          <Typography.Text strong>{token.name}</Typography.Text>
        </span>
      ),
    },
    { key: 'prefix', title: t('tokens.prefix'), render: (_, token) => <Typography.Text code>{token.prefix}…</Typography.Text> },
    { key: 'role', title: t('tokens.role'), render: (_, token) => <RoleTag role={token.role} /> },
    {
      key: 'status',
      title: t('tokens.status'),
      render: (_, token) => {
        const status = statusOf(token);
        return <Badge status={status === 'active' ? 'success' : 'default'} text={statusText[status]} />;
      },
    },
    {
      key: 'lastUsedAt',
      title: t('tokens.lastUsed'),
      render: (_, token) =>
        token.lastUsedAt ? (
          <Tooltip title={formatDateTime(token.lastUsedAt)}>{fromNow(token.lastUsedAt)}</Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('tokens.neverUsed')}</Typography.Text>
        ),
    },
    {
      key: 'expiresAt',
      title: t('tokens.expires'),
      render: (_, token) => (token.expiresAt ? formatDateTime(token.expiresAt) : t('tokens.neverExpires')),
    },
    { key: 'createdAt', title: t('common.createdAt'), render: (_, token) => formatDateTime(token.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, token) =>
        statusOf(token) === 'active' ? (
          <Popconfirm
            title={t('tokens.revokeConfirm', { name: token.name })}
            okText={t('tokens.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke.mutateAsync(token).catch(() => undefined)}
          >
            <Button type="link" danger size="small">
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        description={t('tokens.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<ApiToken>
          rowKey="id"
          columns={columns}
          dataSource={tokens.data?.items ?? []}
          loading={tokens.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('tokens.empty') }}
        />
      </Card>
      <CreateTokenModal
        open={creating}
        ownerRole={me.role}
        onCancel={() => setCreating(false)}
        onCreate={(body) => create.mutateAsync(body)}
      />
      <Modal
        open={secret !== null}
        title={t('tokens.secretTitle')}
        onCancel={() => setSecret(null)}
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            {t('common.close')}
          </Button>
        }
        mask={{ closable: false }}
      >
        <Alert type="warning" showIcon title={t('tokens.secretWarning')} style={{ marginBottom: 16 }} />
        <Typography.Text type="secondary">{t('tokens.secretLabel')}</Typography.Text>
        <Typography.Paragraph
          copyable={{ text: secret ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
          code
          data-testid="token-secret"
          style={{ fontSize: 13, wordBreak: 'break-all', marginTop: 4 }}
        >
          {secret}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tokens.usage')}
        </Typography.Text>
      </Modal>
    </>
  );
}
