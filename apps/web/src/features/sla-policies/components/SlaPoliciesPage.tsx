import { useState } from 'react';
import { App, Button, Card, Flex, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowDownOutlined, ArrowUpOutlined, HolderOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { slaTargetKinds, type SlaPolicy } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { useBusinessCalendars } from '../../business-calendars/hooks/use-business-calendars';
import { reorderSlaPolicies, slaPoliciesResource, slaPolicyListKey, updateSlaPolicy } from '../api';
import { useCanEditSlaPolicies, useSlaPolicies } from '../hooks/use-sla-policies';
import { formatMinutes } from '../sla-time';
import { ConditionsSummary } from './ConditionsSummary';
import '../sla.css';

const move = <T,>(list: T[], from: number, to: number) => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
};

/** SLA 策略: tried top to bottom, the first whose conditions all hold applies to a ticket. */
export function SlaPoliciesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canEdit = useCanEditSlaPolicies();
  const { policies, query } = useSlaPolicies();
  const { calendars } = useBusinessCalendars();
  const [dragging, setDragging] = useState<number | null>(null);

  const failed = (error: unknown) => {
    void message.error(problemMessage(error, t));
    void queryClient.invalidateQueries({ queryKey: [slaPoliciesResource] });
  };
  const reorder = useMutation({
    mutationFn: (ids: string[]) => reorderSlaPolicies(ids),
    onMutate: (ids) => {
      const byId = new Map(policies.map((p) => [p.id, p]));
      queryClient.setQueryData(slaPolicyListKey, { items: ids.map((id) => byId.get(id)!).filter(Boolean) });
    },
    onSuccess: (list) => {
      queryClient.setQueryData(slaPolicyListKey, list);
      void message.success(t('sla.policies.reordered'));
    },
    onError: failed,
  });
  const toggle = useMutation({
    mutationFn: (p: SlaPolicy) => updateSlaPolicy(p.id, { active: !p.active }, p.version),
    onSuccess: (saved) => {
      queryClient.setQueryData(slaPolicyListKey, { items: policies.map((p) => (p.id === saved.id ? saved : p)) });
      void queryClient.invalidateQueries({ queryKey: [slaPoliciesResource, 'one', saved.id] });
    },
    onError: failed,
  });

  if (query.isError && !query.data) return <ProblemResult error={query.error} onRetry={() => void query.refetch()} />;

  const moveTo = (from: number, to: number) => {
    if (to < 0 || to >= policies.length || from === to) return;
    reorder.mutate(move(policies, from, to).map((p) => p.id));
  };
  const calendarName = (id: string | null) =>
    id ? (calendars.find((c) => c.id === id)?.name ?? '…') : t('sla.policies.defaultCalendar');

  const columns: ColumnsType<SlaPolicy> = [
    {
      key: 'order',
      title: '#',
      width: canEdit ? 112 : 48,
      render: (_, p, index) => (
        <Flex gap={2} align="center">
          {canEdit ? <HolderOutlined aria-hidden style={{ cursor: 'grab', color: 'var(--ant-color-text-tertiary)' }} /> : null}
          <Typography.Text type="secondary" style={{ width: 22, textAlign: 'center' }}>{index + 1}</Typography.Text>
          {canEdit ? (
            <>
              <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0 || reorder.isPending}
                aria-label={t('sla.policies.moveUp', { name: p.name })} onClick={() => moveTo(index, index - 1)} />
              <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === policies.length - 1 || reorder.isPending}
                aria-label={t('sla.policies.moveDown', { name: p.name })} onClick={() => moveTo(index, index + 1)} />
            </>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'name',
      title: t('sla.policies.name'),
      render: (_, p) => (
        <div style={{ minWidth: 160, maxWidth: 280 }}>
          <Link to={p.id}><Typography.Text strong style={{ color: 'inherit' }}>{p.name}</Typography.Text></Link>
          {p.description ? <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>{p.description}</Typography.Paragraph> : null}
        </div>
      ),
    },
    { key: 'conditions', title: t('sla.conditions.title'), render: (_, p) => <ConditionsSummary conditions={p.conditions} /> },
    {
      key: 'targets',
      title: t('sla.targets.title'),
      render: (_, p) => (
        <Flex vertical gap={2}>
          {slaTargetKinds.map((k) => {
            const spec = p.targets[k];
            if (!spec) return null;
            return (
              <Typography.Text key={k} style={{ fontSize: 13, whiteSpace: 'nowrap' }}>
                {t(`sla.target.${k}`)}：{formatMinutes(spec.minutes, t)}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}> · {spec.businessTime ? t('sla.targets.business') : t('sla.targets.calendar')}</Typography.Text>
              </Typography.Text>
            );
          })}
        </Flex>
      ),
    },
    {
      key: 'steps',
      title: t('sla.steps.title'),
      render: (_, p) => (p.escalations.length ? t('sla.policies.stepCount', { count: p.escalations.length }) : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { key: 'calendar', title: t('sla.policies.calendar'), render: (_, p) => calendarName(p.calendarId) },
    {
      key: 'active',
      title: t('sla.policies.active'),
      width: 90,
      render: (_, p) => (
        <Switch
          size="small"
          checked={p.active}
          disabled={!canEdit}
          loading={toggle.isPending && toggle.variables?.id === p.id}
          aria-label={t('sla.policies.activeFor', { name: p.name })}
          onChange={() => toggle.mutate(p)}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('sla.policies.title')}
        description={t('sla.policies.intro')}
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('new')}>{t('sla.policies.create')}</Button>
          ) : null
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<SlaPolicy>
          rowKey="id"
          columns={columns}
          dataSource={policies}
          loading={query.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(p) => (p.active ? '' : 'kefu-sla-inactive')}
          onRow={(_, index) =>
            canEdit && index !== undefined
              ? {
                  draggable: true,
                  onDragStart: () => setDragging(index),
                  onDragOver: (e) => e.preventDefault(),
                  onDrop: () => {
                    if (dragging !== null) moveTo(dragging, index);
                    setDragging(null);
                  },
                  onDragEnd: () => setDragging(null),
                }
              : {}
          }
          locale={{ emptyText: <><SafetyCertificateOutlined /> {t('sla.policies.empty')}</> }}
        />
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {canEdit ? t('sla.policies.orderHelp') : t('sla.policies.readOnly')}
      </Typography.Paragraph>
    </>
  );
}
