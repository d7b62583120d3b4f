import { useMemo, useState } from 'react';
import { App, Calendar, Card, Collapse, Flex, Input, List, Modal, Radio, Button, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { BusinessCalendarDto, CalendarDate, WeekdayKey } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { useSaveBusinessCalendar } from '../hooks/use-business-calendars';

type Kind = 'regular' | 'holiday' | 'workday';
const keyOf = (d: Dayjs) => d.format('YYYY-MM-DD');
// Names wrap inside the cell rather than being cut: "国庆节补班" must stay readable.
const markStyle = { maxWidth: '100%', whiteSpace: 'normal', marginInlineEnd: 0 } as const;
const byDate = (list: CalendarDate[]) => [...list].sort((a, b) => a.date.localeCompare(b.date));

/**
 * The month view: holidays (休) and make-up working days (班) on the calendar; clicking a date
 * marks or clears it. Every change saves at once against the version on screen.
 */
export function HolidayMonthView({ calendar }: { calendar: BusinessCalendarDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [shown, setShown] = useState<Dayjs>(() => dayjs());
  const [editing, setEditing] = useState<{ date: Dayjs; kind: Kind; name: string } | null>(null);
  const save = useSaveBusinessCalendar(calendar);
  const holidays = useMemo(() => new Map(calendar.holidays.map((d) => [d.date, d])), [calendar.holidays]);
  const workdays = useMemo(() => new Map(calendar.workdays.map((d) => [d.date, d])), [calendar.workdays]);
  const year = shown.year();
  const inYear = (d: CalendarDate) => d.date.startsWith(`${year}-`);

  const hoursOf = (date: Dayjs) => {
    const key = keyOf(date);
    if (holidays.has(key)) return [];
    const day = String(workdays.has(key) ? calendar.makeUpWeekday : date.day()) as WeekdayKey;
    return calendar.weekly[day];
  };

  const write = async (date: string, kind: Kind, name: string) => {
    const others = (list: CalendarDate[]) => list.filter((d) => d.date !== date);
    const entry = { date, name: name.trim() || t(kind === 'holiday' ? 'businessCalendars.holidayDefaultName' : 'businessCalendars.workdayDefaultName') };
    try {
      await save.mutateAsync({
        holidays: byDate(kind === 'holiday' ? [...others(calendar.holidays), entry] : others(calendar.holidays)),
        workdays: byDate(kind === 'workday' ? [...others(calendar.workdays), entry] : others(calendar.workdays)),
      });
      void message.success(t('common.saved'));
      return true;
    } catch (error) {
      void message.error(problemMessage(error, t));
      return false;
    }
  };

  const open = (date: Dayjs) => {
    const key = keyOf(date);
    const holiday = holidays.get(key);
    const workday = workdays.get(key);
    setEditing({ date, kind: holiday ? 'holiday' : workday ? 'workday' : 'regular', name: holiday?.name ?? workday?.name ?? '' });
  };

  const cell = (date: Dayjs) => {
    const key = keyOf(date);
    const holiday = holidays.get(key);
    const workday = workdays.get(key);
    if (holiday) return <Tag color="red" title={holiday.name} style={markStyle}>{t('businessCalendars.holidayMark')} {holiday.name}</Tag>;
    if (workday) return <Tag color="blue" title={workday.name} style={markStyle}>{t('businessCalendars.workdayMark')} {workday.name}</Tag>;
    if (hoursOf(date).length === 0) return <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('businessCalendars.closed')}</Typography.Text>;
    return null;
  };

  const listed = [
    ...calendar.holidays.filter(inYear).map((d) => ({ ...d, kind: 'holiday' as const })),
    ...calendar.workdays.filter(inYear).map((d) => ({ ...d, kind: 'workday' as const })),
  ].sort((a, b) => a.date.localeCompare(b.date));

  return (
    <Card title={t('businessCalendars.monthView')} extra={<Typography.Text type="secondary">{t('businessCalendars.clickToMark')}</Typography.Text>}>
      <Calendar
        value={shown}
        onChange={setShown}
        onSelect={(date, info) => info.source === 'date' && open(date)}
        cellRender={(date, info) => (info.type === 'date' ? cell(date) : info.originNode)}
      />
      <Collapse
        ghost
        items={[{
          key: 'dates',
          label: t('businessCalendars.yearSummary', { year, holidays: calendar.holidays.filter(inYear).length, workdays: calendar.workdays.filter(inYear).length }),
          children: (
            <List
              size="small"
              dataSource={listed}
              locale={{ emptyText: t('businessCalendars.noDates') }}
              renderItem={(d) => (
                <List.Item
                  actions={[<Button key="rm" type="text" size="small" icon={<DeleteOutlined />} aria-label={t('businessCalendars.removeDate', { date: d.date })} loading={save.isPending} onClick={() => void write(d.date, 'regular', '')} />]}
                >
                  <Flex gap={8} align="center">
                    <Tag color={d.kind === 'holiday' ? 'red' : 'blue'}>{t(d.kind === 'holiday' ? 'businessCalendars.holidayMark' : 'businessCalendars.workdayMark')}</Tag>
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => { setShown(dayjs(d.date)); open(dayjs(d.date)); }}>{d.date}</Button>
                    <Typography.Text>{d.name}</Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          ),
        }]}
      />
      <Modal
        open={editing !== null}
        title={editing ? editing.date.format(t('businessCalendars.dateTitleFormat')) : ''}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={async () => {
          if (editing && (await write(keyOf(editing.date), editing.kind, editing.name))) setEditing(null);
        }}
        destroyOnHidden
      >
        {editing ? (
          <Flex vertical gap={12}>
            <Radio.Group
              value={editing.kind}
              onChange={(e) => setEditing({ ...editing, kind: e.target.value as Kind })}
              options={[
                { value: 'regular', label: t('businessCalendars.kinds.regular') },
                { value: 'holiday', label: t('businessCalendars.kinds.holiday') },
                { value: 'workday', label: t('businessCalendars.kinds.workday') },
              ]}
            />
            {editing.kind !== 'regular' ? (
              <Input
                aria-label={t('businessCalendars.dateName')}
                placeholder={t(editing.kind === 'holiday' ? 'businessCalendars.holidayDefaultName' : 'businessCalendars.workdayDefaultName')}
                value={editing.name}
                maxLength={100}
                onChange={(e) => setEditing({ ...editing, name: e.target.value })}
              />
            ) : null}
            <Typography.Text type="secondary">
              {editing.kind === 'holiday'
                ? t('businessCalendars.kindHelp.holiday')
                : editing.kind === 'workday'
                  ? t('businessCalendars.kindHelp.workday', { weekday: t(`businessCalendars.weekdays.${String(calendar.makeUpWeekday) as WeekdayKey}`) })
                  : t('businessCalendars.kindHelp.regular', { weekday: t(`businessCalendars.weekdays.${String(editing.date.day()) as WeekdayKey}`) })}
            </Typography.Text>
          </Flex>
        ) : null}
      </Modal>
    </Card>
  );
}
