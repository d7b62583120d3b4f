import { Descriptions, Drawer, Empty, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { formatDateTime } from '../../../shared/ui/format';
import { getOutboxMessage, outboxResource } from '../api';

/**
 * One mail: its envelope, the HTML part, the text part and the headers. The HTML is rendered in an
 * iframe with an empty `sandbox`: no scripts, no forms, no same-origin access, no top navigation,
 * whatever the mail holds.
 */
export function OutboxMessageDrawer({ id, onClose, kindLabel }: { id: string | null; onClose: () => void; kindLabel: (kind: string) => string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: [outboxResource, 'detail', id],
    queryFn: ({ signal }) => getOutboxMessage(id!, signal),
    enabled: id !== null,
  });
  const mail = query.data;

  let body;
  if (query.isError) body = <ProblemResult error={query.error} onRetry={() => void query.refetch()} />;
  else if (!mail || query.isPending) body = <Skeleton active />;
  else {
    body = (
      <>
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'subject', label: t('outbox.subject'), children: <Typography.Text strong>{mail.subject}</Typography.Text> },
            { key: 'from', label: t('outbox.from'), children: mail.from },
            { key: 'to', label: t('outbox.to'), children: mail.to },
            { key: 'when', label: t('outbox.when'), children: formatDateTime(mail.createdAt) },
            { key: 'kind', label: t('outbox.kind'), children: <Tag>{kindLabel(mail.kind)}</Tag> },
          ]}
        />
        <Tabs
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'html',
              label: t('outbox.html'),
              children: mail.html ? (
                <iframe
                  title={t('outbox.htmlFrameTitle')}
                  sandbox=""
                  srcDoc={mail.html}
                  referrerPolicy="no-referrer"
                  style={{ width: '100%', height: 480, border: '1px solid var(--ant-color-border-secondary, #f0f0f0)', borderRadius: 6, background: '#fff' }}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outbox.noHtml')} />
              ),
            },
            {
              key: 'text',
              label: t('outbox.text'),
              children: (
                <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0, fontFamily: 'inherit', fontSize: 13 }}>{mail.text}</pre>
              ),
            },
            {
              key: 'headers',
              label: t('outbox.headers'),
              children: (
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  items={Object.entries(mail.headers).map(([name, value]) => ({
                    key: name,
                    label: name,
                    children: <Typography.Text code style={{ wordBreak: 'break-all' }}>{value}</Typography.Text>,
                  }))}
                />
              ),
            },
          ]}
        />
      </>
    );
  }

  return (
    <Drawer open={id !== null} onClose={onClose} title={t('outbox.detailTitle')} size={720} destroyOnHidden>
      {body}
    </Drawer>
  );
}
