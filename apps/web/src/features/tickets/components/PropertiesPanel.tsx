import { useState } from 'react';
import { App, Button, Card, Flex, Form, Select } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { statusMoves, ticketPriorities, ticketTypes, type UpdateTicketBody } from '@kefu/contracts';
import { TagsInput } from '../../../shared/forms/TagsInput';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { CustomFieldInputs, useCustomFields } from '../../custom-fields';
import { useTeamDirectory } from '../../teams/hooks/use-team-directory';
import { updateTicket } from '../api';
import { useAssignableStaff, useStaffDirectory } from '../hooks/use-staff';
import { useAdoptNewVersions } from '../hooks/use-adopt-new-versions';
import { useTicketWorkspace } from '../hooks/use-ticket';
import { useTicketWriteErrors } from '../hooks/use-ticket-write';
import type { Ticket, TicketPriority, TicketStatus, TicketType } from '../types';

interface PropertyValues {
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  teamId: string | null;
  assigneeId: string | null;
  tags: string[];
  customFields: Record<string, unknown>;
}
type Field = keyof PropertyValues;
const fieldNames: Field[] = ['status', 'priority', 'type', 'teamId', 'assigneeId', 'tags', 'customFields'];

const valuesOf = (t: Ticket): PropertyValues => ({
  status: t.status, priority: t.priority, type: t.type, teamId: t.teamId, assigneeId: t.assigneeId, tags: t.tags, customFields: t.customFields,
});
const norm = (v: unknown): unknown => (v === undefined || v === '' ? null : v);
const same = (a: unknown, b: unknown) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));

/** The fields the agent changed, against the ticket as they last saw it. */
function diff(values: Partial<PropertyValues>, seen: Ticket): UpdateTicketBody {
  const before = valuesOf(seen);
  const body: UpdateTicketBody = {};
  for (const f of fieldNames) {
    if (f === 'customFields') {
      const changed = Object.entries(values.customFields ?? {}).filter(([k, v]) => !same(v, before.customFields[k]));
      if (changed.length) body.customFields = Object.fromEntries(changed.map(([k, v]) => [k, norm(v)]));
    } else if (f in values && !same(values[f], before[f])) {
      Object.assign(body, { [f]: values[f] ?? null });
    }
  }
  return body;
}

/**
 * Status (only the moves the status machine allows), priority, type, team, assignee, tags and
 * custom fields. Edits are kept while the ticket changes underneath; saving sends If-Match with the
 * version they were made on.
 */
export function PropertiesPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const ws = useTicketWorkspace();
  const { ticket } = ws;
  const [form] = Form.useForm<PropertyValues>();
  const [seen, setSeen] = useState<Ticket>(ticket);
  const [dirty, setDirty] = useState(false);
  const teamId = Form.useWatch('teamId', form);
  const type = Form.useWatch('type', form) ?? ticket.type;
  const { teams } = useTeamDirectory();
  const { nameOf } = useStaffDirectory();
  const assignable = useAssignableStaff(teamId);
  const { fields: defs } = useCustomFields();
  const onWriteError = useTicketWriteErrors();

  const refreshDirty = (base: Ticket) => setDirty(Object.keys(diff(form.getFieldsValue(true) as PropertyValues, base)).length > 0);

  /** Moves untouched fields to `next`, keeping what the agent has changed. */
  const adopt = (next: Ticket) => {
    const current = form.getFieldsValue(true) as PropertyValues;
    const before = valuesOf(seen);
    const after = valuesOf(next);
    const patch: Partial<PropertyValues> = {};
    for (const f of fieldNames) {
      if (f === 'customFields') {
        const cf = { ...after.customFields };
        for (const [k, v] of Object.entries(current.customFields ?? {})) if (!same(v, before.customFields[k])) cf[k] = v;
        patch.customFields = cf;
      } else if (same(current[f], before[f])) {
        Object.assign(patch, { [f]: after[f] });
      }
    }
    form.setFieldsValue(patch);
    setSeen(next);
    refreshDirty(next);
  };

  useAdoptNewVersions(ticket, seen.version, dirty, adopt);

  const save = useMutation({
    mutationFn: (body: UpdateTicketBody) => updateTicket(ticket.id, body, seen.version),
    onSuccess: (next) => {
      ws.applyTicket(next);
      // Saved fields now equal the ticket; anything else still being edited stays as typed.
      adopt(next);
      void message.success(next.assigneeId === me.id && seen.assigneeId !== me.id ? t('tickets.props.assignedToMe') : t('common.saved'));
    },
    onError: onWriteError,
  });

  const submit = async () => {
    try {
      const values = await form.validateFields();
      const body = diff({ ...form.getFieldsValue(true), ...values } as PropertyValues, seen);
      if (Object.keys(body).length) save.mutate(body);
    } catch {
      // Field errors are shown on the fields.
    }
  };

  const assignToMe = () => save.mutate({ assigneeId: me.id });
  const statusOptions = [seen.status, ...statusMoves[seen.status]].map((s) => ({ value: s, label: t(`tickets.status.${s}`) }));
  const assigneeOptions = (assignable.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  if (seen.assigneeId && !assigneeOptions.some((o) => o.value === seen.assigneeId)) {
    assigneeOptions.unshift({ value: seen.assigneeId, label: nameOf(seen.assigneeId) ?? '…' });
  }

  return (
    <Card
      size="small"
      title={t('tickets.props.title')}
      extra={
        ticket.assigneeId !== me.id ? (
          <Button size="small" type="link" icon={<UserAddOutlined />} onClick={assignToMe} loading={save.isPending && save.variables?.assigneeId === me.id}>
            {t('tickets.props.assignToMe')}
          </Button>
        ) : null
      }
    >
      <Form<PropertyValues>
        form={form}
        name="ticket-properties"
        layout="vertical"
        size="small"
        initialValues={valuesOf(ticket)}
        onValuesChange={(changed: Partial<PropertyValues>) => {
          if ('teamId' in changed) form.setFieldValue('assigneeId', null);
          refreshDirty(seen);
        }}
        className="kefu-compact-form"
      >
        <Flex gap={8}>
          <Form.Item name="status" label={t('tickets.fields.status')} style={{ flex: 1 }}>
            <Select options={statusOptions} disabled={statusOptions.length === 1} />
          </Form.Item>
          <Form.Item name="priority" label={t('tickets.fields.priority')} style={{ flex: 1 }}>
            <Select options={ticketPriorities.map((v) => ({ value: v, label: t(`tickets.priority.${v}`) }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="type" label={t('tickets.fields.type')}>
          <Select options={ticketTypes.map((v) => ({ value: v, label: t(`tickets.type.${v}`) }))} />
        </Form.Item>
        <Form.Item name="teamId" label={t('tickets.fields.team')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('tickets.form.noTeam')} options={teams.map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('tickets.fields.assignee')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('tickets.unassigned')} loading={assignable.isFetching} options={assigneeOptions} />
        </Form.Item>
        <Form.Item name="tags" label={t('tickets.fields.tags')}>
          <TagsInput />
        </Form.Item>
        <CustomFieldInputs defs={defs} ticketType={type} stored={seen.customFields} />
        {dirty ? (
          <Flex gap={8} justify="flex-end">
            <Button
              onClick={() => {
                form.setFieldsValue(valuesOf(seen));
                setDirty(false);
              }}
            >
              {t('tickets.props.discard')}
            </Button>
            <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
              {t('common.save')}
            </Button>
          </Flex>
        ) : null}
      </Form>
    </Card>
  );
}
