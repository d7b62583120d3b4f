import { useState } from 'react';
import { Button, Card, Form, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { createBusinessCalendarBodySchema, type BusinessCalendarDto, type CreateBusinessCalendarBody } from '@kefu/contracts';
import { FormDrawer } from '../../../shared/forms/FormDrawer';
import { zodRule } from '../../../shared/forms/zod-rule';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { formatDateTime } from '../../../shared/ui/format';
import { businessCalendarsResource, createBusinessCalendar } from '../api';
import { formatDuration, timeZoneNames, weeklyMinutes } from '../calendar-text';
import { useBusinessCalendars } from '../hooks/use-business-calendars';

interface CreateValues {
  name: string;
  timeZone: string;
  copyDefault: boolean;
  isDefault: boolean;
}
const fields = ['name', 'timeZone', 'copyDefault', 'isDefault'] as const;
const shape = createBusinessCalendarBodySchema.shape;

/** 工作日历: the hours, holidays and make-up days SLA targets count in. */
export function BusinessCalendarsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { calendars, query } = useBusinessCalendars();
  const [drawer, setDrawer] = useState({ open: false, seq: 0 });
  const zones = timeZoneNames().map((z) => ({ value: z, label: z }));

  if (query.isError && !query.data) return <ProblemResult error={query.error} home="/admin" onRetry={() => void query.refetch()} />;

  const create = async (values: CreateValues) => {
    const source = values.copyDefault ? calendars.find((c) => c.isDefault) : undefined;
    const body: CreateBusinessCalendarBody = {
      name: values.name,
      timeZone: values.timeZone,
      isDefault: values.isDefault,
      ...(source ? { weekly: source.weekly, holidays: source.holidays, workdays: source.workdays, makeUpWeekday: source.makeUpWeekday } : {}),
    };
    const created = await createBusinessCalendar(body);
    await queryClient.invalidateQueries({ queryKey: [businessCalendarsResource] });
    void navigate(created.id);
  };

  const columns: ColumnsType<BusinessCalendarDto> = [
    {
      key: 'name',
      title: t('businessCalendars.name'),
      render: (_, c) => (
        <Link to={c.id}>
          <Typography.Text strong>{c.name}</Typography.Text> {c.isDefault ? <Tag color="blue">{t('businessCalendars.default')}</Tag> : null}
        </Link>
      ),
    },
    { key: 'timeZone', title: t('businessCalendars.timeZone'), render: (_, c) => <code>{c.timeZone}</code> },
    { key: 'hours', title: t('businessCalendars.weeklyTotal'), render: (_, c) => formatDuration(weeklyMinutes(c.weekly), t) },
    { key: 'holidays', title: t('businessCalendars.holidays'), render: (_, c) => t('businessCalendars.dateCount', { count: c.holidays.length }) },
    { key: 'workdays', title: t('businessCalendars.workdays'), render: (_, c) => t('businessCalendars.dateCount', { count: c.workdays.length }) },
    { key: 'updatedAt', title: t('common.updatedAt'), render: (_, c) => formatDateTime(c.updatedAt) },
  ];

  return (
    <>
      <PageHeader
        title={t('businessCalendars.title')}
        description={t('businessCalendars.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer((d) => ({ open: true, seq: d.seq + 1 }))}>
            {t('businessCalendars.create')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<BusinessCalendarDto>
          rowKey="id"
          columns={columns}
          dataSource={calendars}
          loading={query.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <><CalendarOutlined /> {t('businessCalendars.empty')}</> }}
        />
      </Card>
      <FormDrawer<CreateValues>
        key={drawer.seq}
        open={drawer.open}
        name="businessCalendar"
        title={t('businessCalendars.createTitle')}
        initialValues={{ timeZone: 'Asia/Shanghai', copyDefault: true, isDefault: false }}
        fields={fields}
        successMessage={t('common.created')}
        onClose={() => setDrawer((d) => ({ ...d, open: false }))}
        onSubmit={create}
      >
        <Form.Item name="name" label={t('businessCalendars.name')} rules={[zodRule(shape.name, t)]}>
          <Input autoFocus maxLength={100} placeholder={t('businessCalendars.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="timeZone" label={t('businessCalendars.timeZone')} rules={[zodRule(shape.timeZone, t)]}>
          <Select showSearch options={zones} />
        </Form.Item>
        <Form.Item name="copyDefault" label={t('businessCalendars.copyDefault')} valuePropName="checked" extra={t('businessCalendars.copyDefaultHelp')}>
          <Switch />
        </Form.Item>
        <Form.Item name="isDefault" label={t('businessCalendars.makeDefault')} valuePropName="checked" extra={t('businessCalendars.makeDefaultHelp')}>
          <Switch />
        </Form.Item>
      </FormDrawer>
    </>
  );
}
