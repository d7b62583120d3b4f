import { useState } from 'react';
import { App, Breadcrumb, Button, Col, Form, Input, Popconfirm, Row, Select, Skeleton, Space, Tag } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { updateBusinessCalendarBodySchema, type BusinessCalendarDto, type WeekdayKey } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { FormDrawer } from '../../../shared/forms/FormDrawer';
import { zodRule } from '../../../shared/forms/zod-rule';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { businessCalendarsResource, deleteBusinessCalendar } from '../api';
import { timeZoneNames, weekOrder } from '../calendar-text';
import { useBusinessCalendar, useSaveBusinessCalendar } from '../hooks/use-business-calendars';
import { HolidayMonthView } from './HolidayMonthView';
import { ImportDatesButton } from './ImportDatesButton';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';
import { WhatIfCalculator } from './WhatIfCalculator';

interface DetailsValues {
  name: string;
  timeZone: string;
  makeUpWeekday: number;
}
const detailFields = ['name', 'timeZone', 'makeUpWeekday'] as const;
const shape = updateBusinessCalendarBodySchema.shape;

/** One calendar: weekly hours, the month view of holidays and make-up days, import, what-if. */
export function BusinessCalendarPage() {
  const { id = '' } = useParams();
  const query = useBusinessCalendar(id);
  if (query.isError && !query.data) return <ProblemResult error={query.error} home="/admin/business-calendars" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton active />;
  return <CalendarDetail calendar={query.data} key={query.data.id} />;
}

function CalendarDetail({ calendar }: { calendar: BusinessCalendarDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const save = useSaveBusinessCalendar(calendar);
  const [drawer, setDrawer] = useState({ open: false, seq: 0 });
  const destroy = useMutation({
    mutationFn: () => deleteBusinessCalendar(calendar.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [businessCalendarsResource] });
      void message.success(t('common.deleted'));
      void navigate('/admin/business-calendars');
    },
    onError: (error) => void message.error(problemMessage(error, t)),
  });
  const makeDefault = async () => {
    try {
      await save.mutateAsync({ isDefault: true });
      void message.success(t('businessCalendars.nowDefault'));
    } catch (error) {
      void message.error(problemMessage(error, t));
    }
  };

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/admin/business-calendars">{t('businessCalendars.title')}</Link> }, { title: calendar.name }]} />
      <PageHeader
        title={
          <Space wrap>
            {calendar.name}
            {calendar.isDefault ? <Tag color="blue">{t('businessCalendars.default')}</Tag> : null}
            <Tag>{calendar.timeZone}</Tag>
          </Space>
        }
        description={t('businessCalendars.detailDescription', { weekday: t(`businessCalendars.weekdays.${String(calendar.makeUpWeekday) as WeekdayKey}`) })}
        extra={
          <>
            <ImportDatesButton calendar={calendar} />
            <Button icon={<EditOutlined />} onClick={() => setDrawer((d) => ({ open: true, seq: d.seq + 1 }))}>{t('businessCalendars.editDetails')}</Button>
            {calendar.isDefault ? null : (
              <>
                <Button icon={<CheckCircleOutlined />} loading={save.isPending} onClick={() => void makeDefault()}>{t('businessCalendars.makeDefault')}</Button>
                <Popconfirm
                  title={t('businessCalendars.deleteConfirm', { name: calendar.name })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => destroy.mutateAsync().catch(() => undefined)}
                >
                  <Button danger icon={<DeleteOutlined />}>{t('common.delete')}</Button>
                </Popconfirm>
              </>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <WeeklyHoursEditor calendar={calendar} key={calendar.version} />
            <HolidayMonthView calendar={calendar} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <WhatIfCalculator calendar={calendar} />
        </Col>
      </Row>
      <FormDrawer<DetailsValues>
        key={drawer.seq}
        open={drawer.open}
        name="businessCalendarDetails"
        title={t('businessCalendars.editDetails')}
        initialValues={{ name: calendar.name, timeZone: calendar.timeZone, makeUpWeekday: calendar.makeUpWeekday }}
        fields={detailFields}
        successMessage={t('common.saved')}
        onClose={() => setDrawer((d) => ({ ...d, open: false }))}
        onSubmit={(values) => save.mutateAsync(values)}
      >
        <Form.Item name="name" label={t('businessCalendars.name')} rules={[zodRule(shape.name, t)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="timeZone" label={t('businessCalendars.timeZone')} rules={[zodRule(shape.timeZone, t)]} extra={t('businessCalendars.timeZoneHelp')}>
          <Select showSearch options={timeZoneNames().map((z) => ({ value: z, label: z }))} />
        </Form.Item>
        <Form.Item name="makeUpWeekday" label={t('businessCalendars.makeUpWeekday')} extra={t('businessCalendars.makeUpWeekdayHelp')}>
          <Select options={weekOrder.map((k) => ({ value: Number(k), label: t(`businessCalendars.weekdays.${k}`) }))} />
        </Form.Item>
      </FormDrawer>
    </>
  );
}
