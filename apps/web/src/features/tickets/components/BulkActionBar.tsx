import { useState } from 'react';
import { Alert, Button, Flex, Popconfirm, Select, Typography } from 'antd';
import { CloseOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { statusMoves, ticketPriorities, ticketToolLimits, type BulkUpdateResult, type BulkUpdateTicketsBody, type TicketPriority, type TicketStatus } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { TagsInput } from '../../../shared/forms/TagsInput';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { useTeamDirectory } from '../../teams/hooks/use-team-directory';
import { bulkUpdateTickets, ticketsResource } from '../api';
import { ticketNumber } from '../format';
import { useStaffDirectory } from '../hooks/use-staff';
import type { TicketListItem } from '../types';

/** Statuses staff can move a ticket to; whether each ticket may make the move is the server's call. */
const targetStatuses = [...new Set(Object.values(statusMoves).flat())] as TicketStatus[];
const NONE = 'none';

interface Draft {
  status?: TicketStatus;
  priority?: TicketPriority;
  /** `none` unassigns, `me` is the signed-in agent. */
  assignee?: string;
  /** `none` removes the team. */
  team?: string;
  addTags: string[];
  removeTags: string[];
}
const emptyDraft: Draft = { addTags: [], removeTags: [] };

type Changes = BulkUpdateTicketsBody['changes'];

function changesOf(d: Draft, myId: string): Changes {
  const c: Changes = {};
  if (d.status) c.status = d.status;
  if (d.priority) c.priority = d.priority;
  if (d.assignee) c.assigneeId = d.assignee === NONE ? null : d.assignee === 'me' ? myId : d.assignee;
  if (d.team) c.teamId = d.team === NONE ? null : d.team;
  if (d.addTags.length) c.addTags = d.addTags;
  if (d.removeTags.length) c.removeTags = d.removeTags;
  return c;
}

interface BulkActionBarProps {
  selected: string[];
  /** The tickets on screen by id, to name the ones refused and explain a refused status move. */
  tickets: ReadonlyMap<string, TicketListItem>;
  onClear: () => void;
  /** After a batch: the refused tickets stay selected so they can be looked at or tried again. */
  onDone: (result: BulkUpdateResult) => void;
}

/** Changes for every selected ticket at once, and what came of the last batch. */
export function BulkActionBar({ selected, tickets, onClear, onDone }: BulkActionBarProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const { teams } = useTeamDirectory();
  const { staff } = useStaffDirectory();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [result, setResult] = useState<(BulkUpdateResult & { changes: Changes }) | null>(null);
  const changes = changesOf(draft, me.id);
  const tooMany = selected.length > ticketToolLimits.bulkIds;

  const apply = useMutation({
    mutationFn: () => bulkUpdateTickets({ ids: selected, changes }),
    onSuccess: (r) => {
      setResult({ ...r, changes });
      if (r.failed.length === 0) setDraft(emptyDraft);
      onDone(r);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: [ticketsResource] }),
  });

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const pick = (key: 'status' | 'priority' | 'assignee' | 'team', label: string, options: { value: string; label: string }[], width = 130) => (
    <Select
      allowClear
      size="small"
      showSearch={options.length > 8 ? { optionFilterProp: 'label' } : undefined}
      aria-label={label}
      placeholder={label}
      style={{ width }}
      popupMatchSelectWidth={false}
      value={draft[key] ?? null}
      onChange={(v: string | null | undefined) => set({ [key]: v ?? undefined })}
      options={options}
    />
  );

  const failures = result?.failed ?? [];
  const numberOf = (id: string) => {
    const n = tickets.get(id)?.number;
    return n === undefined ? id.slice(0, 8) : ticketNumber(n);
  };
  /** A status move the status machine forbids is told like on the ticket page; the rest by code. */
  const reasonOf = (f: BulkUpdateResult['failed'][number]) => {
    const from = tickets.get(f.id)?.status;
    const to = result?.changes.status;
    if (f.code === 'conflict' && from && to && !statusMoves[from].includes(to)) {
      const allowed = statusMoves[from].map((s) => t(`tickets.status.${s}`)).join('、') || t('tickets.timeline.none');
      return { text: t('tickets.conflict.statusMove', { from: t(`tickets.status.${from}`), allowed }), detail: undefined };
    }
    return { text: t(`errors.${f.code}`, { seconds: 60 }), detail: f.detail };
  };
  const outcome = result ? (
    <Alert
      type={failures.length ? 'warning' : 'success'}
      showIcon
      closable={{ onClose: () => setResult(null) }}
      style={{ margin: '0 12px 8px' }}
      data-testid="bulk-result"
      title={t('ticketTools.bulk.updated', { count: result.updated.length })}
      description={
        failures.length ? (
          <>
            {t('ticketTools.bulk.failed', { count: failures.length })}
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {failures.map((f) => {
                const reason = reasonOf(f);
                return (
                  <li key={f.id}>
                    {t('ticketTools.bulk.failure', { number: numberOf(f.id), reason: reason.text })}
                    {reason.detail ? <Typography.Text type="secondary" style={{ fontSize: 12 }}> {reason.detail}</Typography.Text> : null}
                  </li>
                );
              })}
            </ul>
          </>
        ) : undefined
      }
    />
  ) : null;

  if (selected.length === 0) return outcome;

  return (
    <>
      {outcome}
      <Flex gap={8} wrap align="center" className="kefu-bulk-bar" role="toolbar" aria-label={t('ticketTools.bulk.title')}>
        <Typography.Text strong>{t('ticketTools.bulk.selected', { count: selected.length })}</Typography.Text>
        {pick('status', t('ticketTools.bulk.status'), targetStatuses.map((s) => ({ value: s, label: t(`tickets.status.${s}`) })))}
        {pick('priority', t('ticketTools.bulk.priority'), ticketPriorities.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) })), 110)}
        {pick('assignee', t('ticketTools.bulk.assignee'), [
          { value: 'me', label: t('tickets.filters.assigneeMe') },
          { value: NONE, label: t('ticketTools.bulk.unassign') },
          ...staff.filter((u) => u.active && u.role !== 'customer').map((u) => ({ value: u.id, label: u.name })),
        ])}
        {pick('team', t('ticketTools.bulk.team'), [{ value: NONE, label: t('tickets.form.noTeam') }, ...teams.map((x) => ({ value: x.id, label: x.name }))])}
        <TagsInput size="small" aria-label={t('ticketTools.bulk.addTags')} placeholder={t('ticketTools.bulk.addTags')} style={{ width: 130 }}
          value={draft.addTags} onChange={(v) => set({ addTags: v })} />
        <TagsInput size="small" aria-label={t('ticketTools.bulk.removeTags')} placeholder={t('ticketTools.bulk.removeTags')} style={{ width: 130 }}
          value={draft.removeTags} onChange={(v) => set({ removeTags: v })} />
        <Popconfirm
          title={t('ticketTools.bulk.confirm', { count: selected.length })}
          okText={t('ticketTools.bulk.applyOk')}
          cancelText={t('common.cancel')}
          onConfirm={() => apply.mutateAsync().catch(() => undefined)}
          disabled={Object.keys(changes).length === 0 || tooMany}
        >
          <Button size="small" type="primary" icon={<ThunderboltOutlined />} loading={apply.isPending} disabled={Object.keys(changes).length === 0 || tooMany}>
            {t('ticketTools.bulk.apply', { count: selected.length })}
          </Button>
        </Popconfirm>
        <Button size="small" type="text" icon={<CloseOutlined />} onClick={onClear}>{t('ticketTools.bulk.clear')}</Button>
        {tooMany ? <Typography.Text type="danger">{t('ticketTools.bulk.tooMany', { max: ticketToolLimits.bulkIds })}</Typography.Text> : null}
        {apply.isError ? <Typography.Text type="danger">{problemMessage(apply.error, t)}</Typography.Text> : null}
      </Flex>
    </>
  );
}
