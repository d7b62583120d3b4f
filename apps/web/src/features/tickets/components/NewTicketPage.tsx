import { useState } from 'react';
import { Alert, App, Button, Card, Col, Divider, Flex, Form, Input, Row, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  complaintCategories, complaintImpacts, createTicketBodySchema, ticketChannels, ticketPriorities, ticketTypes,
  type CreateTicketBody,
} from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { applyServerErrors } from '../../../shared/forms/server-errors';
import { TagsInput } from '../../../shared/forms/TagsInput';
import { zodRule } from '../../../shared/forms/zod-rule';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { CustomFieldInputs, useCustomFields } from '../../custom-fields';
import { useTeamDirectory } from '../../teams/hooks/use-team-directory';
import { createTicket, ticketsResource } from '../api';
import { useAssignableStaff } from '../hooks/use-staff';
import type { Complaint, TicketChannel, TicketPriority, TicketType } from '../types';
import { NEW_REQUESTER, RequesterField } from './RequesterField';

interface NewTicketValues {
  subject: string;
  body: string;
  type: TicketType;
  channel: TicketChannel;
  priority: TicketPriority;
  requesterId?: string;
  requester?: { name?: string; email?: string; phone?: string };
  teamId?: string | null;
  assigneeId?: string | null;
  tags: string[];
  complaint?: { category: Complaint['category']; impact: Complaint['impact'] };
  customFields?: Record<string, unknown>;
}

const fields = ['subject', 'body', 'type', 'channel', 'priority', 'requesterId', 'requester', 'teamId', 'assigneeId', 'tags', 'complaint', 'customFields'];
const shape = createTicketBodySchema.shape;

const filled = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

function toBody(v: NewTicketValues): CreateTicketBody {
  const customFields = Object.fromEntries(Object.entries(v.customFields ?? {}).filter(([, value]) => filled(value)));
  const requester = v.requesterId === NEW_REQUESTER
    ? { requester: { name: v.requester?.name?.trim() ?? '', ...(v.requester?.email ? { email: v.requester.email.trim() } : {}), ...(v.requester?.phone ? { phone: v.requester.phone.trim() } : {}) } }
    : { requesterId: v.requesterId };
  return {
    subject: v.subject.trim(),
    body: v.body ?? '',
    type: v.type,
    channel: v.channel,
    priority: v.priority,
    ...requester,
    teamId: v.teamId ?? null,
    assigneeId: v.assigneeId ?? null,
    tags: v.tags ?? [],
    ...(Object.keys(customFields).length ? { customFields } : {}),
    ...(v.type === 'complaint' && v.complaint ? { complaint: v.complaint } : {}),
  };
}

/** Logging a call, a visit or an email by hand: everything a ticket needs on one page. */
export function NewTicketPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewTicketValues>();
  const [banner, setBanner] = useState<string | null>(null);
  const type = Form.useWatch('type', form) ?? 'inquiry';
  const teamId = Form.useWatch('teamId', form);
  const impact = Form.useWatch(['complaint', 'impact'], form);
  const { teams } = useTeamDirectory();
  const assignable = useAssignableStaff(teamId);
  const { fields: defs } = useCustomFields();

  const create = useMutation({
    mutationFn: (values: NewTicketValues) => createTicket(toBody(values)),
    onSuccess: (ticket) => {
      void queryClient.invalidateQueries({ queryKey: [ticketsResource] });
      void message.success(t('tickets.form.created', { number: ticket.number }));
      void navigate(`/agent/tickets/${ticket.id}`);
    },
    onError: (error) => {
      const unmatched = applyServerErrors(form, error, fields, t);
      setBanner([problemMessage(error, t), ...unmatched].join(' '));
    },
  });

  const submit = async () => {
    try {
      const values = await form.validateFields();
      setBanner(null);
      create.mutate(values);
    } catch {
      // The form shows what is missing.
    }
  };

  return (
    <>
      <PageHeader title={t('tickets.form.title')} description={t('tickets.form.description')} />
      <Form<NewTicketValues>
        form={form}
        name="new-ticket"
        layout="vertical"
        requiredMark
        initialValues={{ type: 'inquiry', channel: 'phone', priority: 'normal', tags: [], body: '', complaint: { category: 'other', impact: 'normal' } }}
        onValuesChange={(changed: Partial<NewTicketValues>) => {
          if ('teamId' in changed) form.setFieldValue('assigneeId', null);
        }}
      >
        {banner ? <Alert type="error" showIcon title={banner} style={{ marginBottom: 16 }} /> : null}
        <Row gutter={16}>
          <Col xs={24} lg={15}>
            <Card>
              <Form.Item name="subject" label={t('tickets.fields.subject')} rules={[zodRule(shape.subject, t)]}>
                <Input maxLength={300} placeholder={t('tickets.form.subjectPlaceholder')} />
              </Form.Item>
              <RequesterField />
              <Form.Item name="body" label={t('tickets.form.body')} extra={t('tickets.form.bodyHelp')}>
                <Input.TextArea autoSize={{ minRows: 6, maxRows: 18 }} />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={9}>
            <Card>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="type" label={t('tickets.fields.type')}>
                    <Select options={ticketTypes.map((v) => ({ value: v, label: t(`tickets.type.${v}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="channel" label={t('tickets.fields.channel')}>
                    <Select options={ticketChannels.map((v) => ({ value: v, label: t(`tickets.channel.${v}`) }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="priority" label={t('tickets.fields.priority')}>
                <Select options={ticketPriorities.map((v) => ({ value: v, label: t(`tickets.priority.${v}`) }))} />
              </Form.Item>
              <Form.Item name="teamId" label={t('tickets.fields.team')}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('tickets.form.noTeam')} options={teams.map((x) => ({ value: x.id, label: x.name }))} />
              </Form.Item>
              <Form.Item name="assigneeId" label={t('tickets.fields.assignee')} extra={teamId ? t('tickets.form.assigneeHelp') : undefined}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('tickets.unassigned')}
                  loading={assignable.isFetching}
                  options={(assignable.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                />
              </Form.Item>
              <Form.Item name="tags" label={t('tickets.fields.tags')}>
                <TagsInput />
              </Form.Item>
              {type === 'complaint' ? (
                <>
                  <Divider titlePlacement="start" plain>{t('tickets.complaint.title')}</Divider>
                  <Form.Item name={['complaint', 'category']} label={t('tickets.complaint.category')}>
                    <Select options={complaintCategories.map((v) => ({ value: v, label: t(`tickets.category.${v}`) }))} />
                  </Form.Item>
                  <Form.Item name={['complaint', 'impact']} label={t('tickets.complaint.impact')}>
                    <Select options={complaintImpacts.map((v) => ({ value: v, label: t(`tickets.impact.${v}`) }))} />
                  </Form.Item>
                  {impact === 'safety' || impact === 'group' ? (
                    <Alert type="error" showIcon title={t('tickets.complaint.escalates')} style={{ marginBottom: 16 }} />
                  ) : null}
                </>
              ) : null}
              <CustomFieldInputs defs={defs} ticketType={type} />
            </Card>
          </Col>
        </Row>
        <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
          <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => void submit()}>
            {t('tickets.form.submit')}
          </Button>
        </Flex>
      </Form>
    </>
  );
}
