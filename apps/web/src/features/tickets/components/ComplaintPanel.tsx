import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Select, Steps, Tooltip, Typography } from 'antd';
import { AuditOutlined, BookOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { complaintCategories, complaintImpacts, complaintRemedies } from '@kefu/contracts';
import { formatDateTime } from '../../../shared/ui/format';
import { useArticleFromTicket } from '../../kb';
import { archiveLesson, updateTicket } from '../api';
import { useAdoptNewVersions } from '../hooks/use-adopt-new-versions';
import { useTicketWorkspace } from '../hooks/use-ticket';
import { useTicketWriteErrors } from '../hooks/use-ticket-write';
import type { Complaint, Ticket, TimelineItem } from '../types';
import { complaintSteps, stepsDone } from './complaint-steps';
import { ConfirmationModal } from './ConfirmationModal';

type Values = Pick<Complaint, 'category' | 'impact' | 'rootCause' | 'remedies' | 'remedyNote'>;
const keys = ['category', 'impact', 'rootCause', 'remedies', 'remedyNote'] as const;

const valuesOf = (c: Complaint): Values => ({ category: c.category, impact: c.impact, rootCause: c.rootCause, remedies: c.remedies, remedyNote: c.remedyNote });
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? '') === JSON.stringify(b ?? '');

function changed(values: Values, seen: Values): Partial<Values> {
  return Object.fromEntries(keys.filter((k) => !same(values[k], seen[k])).map((k) => [k, values[k]]));
}

/** The complaint's handling: its progress, the investigation and remedy, confirmation and lesson. */
export function ComplaintPanel({ timeline }: { timeline: TimelineItem[] | undefined }) {
  const ws = useTicketWorkspace();
  const complaint = ws.ticket.complaint;
  if (!complaint) return null;
  return <ComplaintCard ticket={ws.ticket} complaint={complaint} timeline={timeline} />;
}

function ComplaintCard({ ticket, complaint, timeline }: { ticket: Ticket; complaint: Complaint; timeline: TimelineItem[] | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ws = useTicketWorkspace();
  const [form] = Form.useForm<Values>();
  const [seen, setSeen] = useState<{ version: number; values: Values }>({ version: ticket.version, values: valuesOf(complaint) });
  const [dirty, setDirty] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const onWriteError = useTicketWriteErrors();
  const impact = Form.useWatch('impact', form) ?? complaint.impact;
  const toArticle = useArticleFromTicket('kb.fromTicket.lessonDraft');

  const adopt = (next: Ticket) => {
    if (!next.complaint) return;
    const nextValues = valuesOf(next.complaint);
    const current = form.getFieldsValue(true) as Values;
    const patch = Object.fromEntries(keys.filter((k) => same(current[k], seen.values[k])).map((k) => [k, nextValues[k]]));
    form.setFieldsValue(patch);
    setSeen({ version: next.version, values: nextValues });
    setDirty(Object.keys(changed({ ...current, ...patch }, nextValues)).length > 0);
  };

  useAdoptNewVersions(ticket, seen.version, dirty, adopt);

  const save = useMutation({
    mutationFn: (body: Partial<Values>) => updateTicket(ticket.id, { complaint: body }, seen.version),
    onSuccess: (next) => {
      ws.applyTicket(next);
      adopt(next);
      void message.success(t('common.saved'));
    },
    onError: onWriteError,
  });
  const lesson = useMutation({
    mutationFn: () => archiveLesson(ticket.id),
    onSuccess: (res) => {
      ws.applyTicket(res.ticket);
      void message.success(t('tickets.complaint.lessonArchived'));
      // The lesson becomes knowledge: open the draft article prefilled from this complaint.
      toArticle.mutate(ticket.id);
    },
    onError: onWriteError,
  });

  const done = stepsDone(ticket, timeline);
  const current = complaintSteps.findIndex((s) => !done[s]);
  const canArchive = Boolean(complaint.rootCause.trim()) && complaint.remedies.length > 0;
  const escalated = impact === 'safety' || impact === 'group';

  return (
    <Card size="small" title={<span><AuditOutlined /> {t('tickets.complaint.title')}</span>} data-testid="complaint-panel">
      <Steps
        type="dot"
        size="small"
        current={current < 0 ? complaintSteps.length : current}
        items={complaintSteps.map((s) => ({ title: t(`tickets.complaint.steps.${s}`), status: done[s] ? 'finish' : s === complaintSteps[current] ? 'process' : 'wait' }))}
        style={{ margin: '4px -8px 16px' }}
        className="kefu-complaint-steps"
      />
      {escalated ? <Alert type="error" showIcon title={t('tickets.complaint.escalated')} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        name="complaint"
        layout="vertical"
        size="small"
        initialValues={valuesOf(complaint)}
        onValuesChange={() => setDirty(Object.keys(changed(form.getFieldsValue(true) as Values, seen.values)).length > 0)}
      >
        <Flex gap={8}>
          <Form.Item name="category" label={t('tickets.complaint.category')} style={{ flex: 1 }}>
            <Select options={complaintCategories.map((v) => ({ value: v, label: t(`tickets.category.${v}`) }))} />
          </Form.Item>
          <Form.Item name="impact" label={t('tickets.complaint.impact')} style={{ flex: 1 }}>
            <Select options={complaintImpacts.map((v) => ({ value: v, label: t(`tickets.impact.${v}`) }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="rootCause" label={t('tickets.complaint.rootCause')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} placeholder={t('tickets.complaint.rootCausePlaceholder')} />
        </Form.Item>
        <Form.Item name="remedies" label={t('tickets.complaint.remedies')}>
          <Select mode="multiple" allowClear placeholder={t('tickets.complaint.remediesPlaceholder')} options={complaintRemedies.map((v) => ({ value: v, label: t(`tickets.remedy.${v}`) }))} />
        </Form.Item>
        <Form.Item name="remedyNote" label={t('tickets.complaint.remedyNote')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} />
        </Form.Item>
        {dirty ? (
          <Flex gap={8} justify="flex-end" style={{ marginBottom: 12 }}>
            <Button
              onClick={() => {
                form.setFieldsValue(seen.values);
                setDirty(false);
              }}
            >
              {t('tickets.props.discard')}
            </Button>
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate(changed(form.getFieldsValue(true) as Values, seen.values))}>
              {t('tickets.complaint.save')}
            </Button>
          </Flex>
        ) : null}
      </Form>
      <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('tickets.complaint.confirmationLabel')}>
          {complaint.confirmation ? (
            <span>
              <CheckCircleOutlined style={{ color: complaint.confirmation === 'confirmed' ? '#52c41a' : '#faad14', marginInlineEnd: 4 }} />
              {t(`tickets.complaint.confirmation.${complaint.confirmation}`)} · {formatDateTime(complaint.confirmedAt)}
              {complaint.confirmationNote ? <Typography.Text type="secondary"> — {complaint.confirmationNote}</Typography.Text> : null}
            </span>
          ) : (
            <Typography.Text type="secondary">{t('tickets.complaint.notConfirmed')}</Typography.Text>
          )}
        </Descriptions.Item>
        {complaint.lessonArchivedAt ? (
          <Descriptions.Item label={t('tickets.complaint.lesson')}>{formatDateTime(complaint.lessonArchivedAt)}</Descriptions.Item>
        ) : null}
      </Descriptions>
      <Flex gap={8} wrap>
        <Button icon={<CheckCircleOutlined />} onClick={() => setConfirming(true)}>
          {t('tickets.complaint.recordConfirmation')}
        </Button>
        <Tooltip title={canArchive ? undefined : t('tickets.complaint.archiveHint')}>
          <Button icon={<BookOutlined />} disabled={!canArchive || Boolean(complaint.lessonArchivedAt)} loading={lesson.isPending || toArticle.isPending} onClick={() => lesson.mutate()}>
            {t('tickets.complaint.archive')}
          </Button>
        </Tooltip>
      </Flex>
      <ConfirmationModal open={confirming} onClose={() => setConfirming(false)} />
    </Card>
  );
}
