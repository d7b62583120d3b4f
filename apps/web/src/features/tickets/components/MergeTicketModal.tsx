import { useState } from 'react';
import { Alert, App, Empty, Flex, Input, Modal, Radio, Spin, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ticketStatuses, type Ticket } from '@kefu/contracts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value';
import { fromNow } from '../../../shared/ui/format';
import { getTicket, listTickets, mergeTicket, ticketsResource } from '../api';
import { ticketNumber } from '../format';
import { useTicketWorkspace } from '../hooks/use-ticket';
import { useTicketWriteErrors } from '../hooks/use-ticket-write';
import { StatusTag } from './TicketTags';

/** A closed ticket takes no merge, so only the others are offered. */
const mergeableStatuses = ticketStatuses.filter((s) => s !== 'closed').join(',');
const NUMBER = /^#?(\d{1,15})$/;

/** Why a ticket cannot take this merge, or undefined when it can (the server checks again). */
function refusal(source: Ticket, into: Ticket): 'otherRequester' | 'notOpen' | undefined {
  if (into.requesterId !== source.requesterId) return 'otherRequester';
  if (into.status === 'closed' || into.mergedIntoId) return 'notOpen';
  return undefined;
}

/**
 * Picks the ticket to fold this one into: the requester's other open tickets, narrowed by subject
 * or number. A number naming some other ticket is looked up, to say why it cannot be chosen.
 */
export function MergeTicketModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { ticket: source } = useTicketWorkspace();
  const onWriteError = useTicketWriteErrors();
  const [search, setSearch] = useState('');
  const [choice, setChoice] = useState<string>();
  const q = useDebouncedValue(search.trim());
  const number = NUMBER.exec(q)?.[1];

  const listQuery = { requesterId: source.requesterId, status: mergeableStatuses, q: number ? undefined : q || undefined, limit: 100 };
  const candidates = useQuery({
    queryKey: [ticketsResource, 'queue', listQuery],
    queryFn: ({ signal }) => listTickets(listQuery, signal),
    enabled: open,
  });
  const list = (candidates.data?.items ?? []).filter((x) => x.id !== source.id && !x.mergedIntoId && (!number || String(x.number) === number));
  const byNumber = useQuery({
    queryKey: [ticketsResource, 'by-number', number],
    queryFn: async ({ signal }) => {
      const page = await listTickets({ q: number, limit: 1 }, signal);
      return page.jumpTo?.kind === 'ticket' ? getTicket(page.jumpTo.id, signal) : null;
    },
    enabled: open && number !== undefined && candidates.isSuccess && list.length === 0,
  });
  const elsewhere = list.length === 0 && byNumber.data && byNumber.data.id !== source.id ? byNumber.data : undefined;
  const elsewhereReason = elsewhere ? refusal(source, elsewhere) : undefined;
  const chosen = [...list, ...(elsewhere && !elsewhereReason ? [elsewhere] : [])].find((x) => x.id === choice);

  const merge = useMutation({
    mutationFn: (into: Ticket) => mergeTicket(source.id, into.id),
    onSuccess: (survivor) => {
      void message.success(t('ticketTools.merge.done', { number: ticketNumber(survivor.number) }));
      void queryClient.invalidateQueries({ queryKey: [ticketsResource] });
      onClose();
      void navigate(`/agent/tickets/${survivor.id}`);
    },
    onError: onWriteError,
  });

  const confirm = () => {
    if (!chosen) return;
    const names = { source: ticketNumber(source.number), target: ticketNumber(chosen.number) };
    modal.confirm({
      title: t('ticketTools.merge.confirmTitle', names),
      content: t('ticketTools.merge.confirm', names),
      okText: t('ticketTools.merge.ok'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => merge.mutateAsync(chosen).catch(() => undefined),
    });
  };

  const option = (x: Ticket, reason?: string) => (
    <div key={x.id} data-testid="merge-candidate">
      <Radio value={x.id} disabled={reason !== undefined} className="kefu-merged-choice">
        <Flex gap={8} align="center" style={{ minWidth: 0 }}>
          <Typography.Text type="secondary" style={{ flexShrink: 0 }}>{ticketNumber(x.number)}</Typography.Text>
          <Typography.Text ellipsis style={{ maxWidth: 250 }}>{x.subject}</Typography.Text>
          <StatusTag status={x.status} />
          <Typography.Text type="secondary" style={{ fontSize: 12, flexShrink: 0 }}>{reason ?? fromNow(x.updatedAt)}</Typography.Text>
        </Flex>
      </Radio>
    </div>
  );

  const empty = q ? t('ticketTools.merge.noMatch') : t('ticketTools.merge.none');
  return (
    <Modal
      open={open}
      title={t('ticketTools.merge.title', { number: ticketNumber(source.number) })}
      okText={t('ticketTools.merge.next')}
      okButtonProps={{ disabled: !chosen, danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={merge.isPending}
      destroyOnHidden
      onCancel={onClose}
      onOk={confirm}
      width={600}
    >
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={t('ticketTools.merge.hint')} />
        <Input
          allowClear
          autoFocus
          prefix={<SearchOutlined />}
          aria-label={t('ticketTools.merge.search')}
          placeholder={t('ticketTools.merge.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <div style={{ maxHeight: 320, overflowY: 'auto' }}>
          {candidates.isPending || byNumber.isFetching ? (
            <Spin style={{ display: 'block', margin: '24px auto' }} />
          ) : list.length || elsewhere ? (
            <Radio.Group value={choice} onChange={(e) => setChoice(String(e.target.value))} style={{ width: '100%' }}>
              <Flex vertical gap={8}>
                {list.map((x) => option(x))}
                {elsewhere ? option(elsewhere, elsewhereReason ? t(`ticketTools.merge.${elsewhereReason}`) : undefined) : null}
              </Flex>
            </Radio.Group>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
          )}
        </div>
      </Flex>
    </Modal>
  );
}
