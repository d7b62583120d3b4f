import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { CopyOutlined, DeleteOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { businessCalendarIssues, businessCalendarLimits, businessCalendarMessages, clockMinutes, type BusinessCalendarDto, type WeekdayKey, type WeeklyHours } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { formatDuration, isOvernight, weekOrder, weeklyMinutes } from '../calendar-text';
import { useSaveBusinessCalendar } from '../hooks/use-business-calendars';

const copyWeek = (weekly: WeeklyHours): WeeklyHours =>
  Object.fromEntries(Object.entries(weekly).map(([k, periods]) => [k, periods.map((p) => ({ ...p }))])) as WeeklyHours;

/**
 * 每周工作时间: several periods per day (a lunch gap is two periods); an end before its start is
 * an overnight period that belongs to the day it starts. Remounted (keyed) on every saved version.
 */
export function WeeklyHoursEditor({ calendar }: { calendar: BusinessCalendarDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<WeeklyHours>(() => copyWeek(calendar.weekly));
  const save = useSaveBusinessCalendar(calendar);
  const changed = JSON.stringify(draft) !== JSON.stringify(calendar.weekly);

  const formatBad = (value: string, isEnd: boolean) => clockMinutes(value, isEnd) === undefined;
  const rules = useMemo(() => businessCalendarIssues({ weekly: draft, holidays: [], workdays: [] }), [draft]);
  const ruleText = (m: string) => t(m === businessCalendarMessages.emptyPeriod ? 'businessCalendars.rules.empty' : 'businessCalendars.rules.overlap');
  const issueAt = (day: WeekdayKey, i: number) =>
    rules.filter((r) => r.field === `weekly.${day}.${i}` || r.field.startsWith(`weekly.${day}.${i}.`)).map((r) => ruleText(r.message));
  const hasFormatError = Object.values(draft).some((periods) => periods.some((p) => formatBad(p.start, false) || formatBad(p.end, true)));
  const invalid = hasFormatError || rules.length > 0;

  const edit = (day: WeekdayKey, change: (periods: WeeklyHours[WeekdayKey]) => WeeklyHours[WeekdayKey]) =>
    setDraft((d) => ({ ...d, [day]: change(d[day]) }));
  const copyMonday = () => setDraft((d) => ({ ...d, ...Object.fromEntries((['2', '3', '4', '5'] as const).map((k) => [k, d['1'].map((p) => ({ ...p }))])) }));

  const submit = async () => {
    try {
      await save.mutateAsync({ weekly: draft });
      void message.success(t('common.saved'));
    } catch (error) {
      void message.error(problemMessage(error, t));
    }
  };

  return (
    <Card
      title={t('businessCalendars.weeklyHours')}
      extra={
        <Typography.Text type="secondary">
          {t('businessCalendars.weeklyTotal')}: {formatDuration(weeklyMinutes(draft), t)}
        </Typography.Text>
      }
      actions={[
        <Button key="copy" type="text" icon={<CopyOutlined />} onClick={copyMonday}>{t('businessCalendars.copyMonday')}</Button>,
        <Button key="reset" type="text" icon={<UndoOutlined />} disabled={!changed} onClick={() => setDraft(copyWeek(calendar.weekly))}>{t('common.reset')}</Button>,
        <Button key="save" type="primary" disabled={!changed || invalid} loading={save.isPending} onClick={() => void submit()}>{t('common.save')}</Button>,
      ]}
    >
      <Flex vertical gap={10}>
        {weekOrder.map((day) => (
          <Flex key={day} gap={12} align="flex-start" wrap role="group" aria-label={t(`businessCalendars.weekdays.${day}`)}>
            <Typography.Text strong style={{ width: 56, lineHeight: '32px' }}>{t(`businessCalendars.weekdays.${day}`)}</Typography.Text>
            <Flex vertical gap={6} style={{ flex: 1, minWidth: 260 }}>
              {draft[day].length === 0 ? <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>{t('businessCalendars.closed')}</Typography.Text> : null}
              {draft[day].map((p, i) => {
                const problems = issueAt(day, i);
                const label = `${t(`businessCalendars.weekdays.${day}`)} ${i + 1}`;
                return (
                  <div key={i}>
                    <Space wrap>
                      <Input
                        aria-label={`${label} ${t('businessCalendars.start')}`} value={p.start} placeholder="09:00" maxLength={5} style={{ width: 84 }}
                        status={formatBad(p.start, false) ? 'error' : undefined}
                        onChange={(e) => edit(day, (ps) => ps.map((x, j) => (j === i ? { ...x, start: e.target.value.trim() } : x)))}
                      />
                      <span>–</span>
                      <Input
                        aria-label={`${label} ${t('businessCalendars.end')}`} value={p.end} placeholder="18:00" maxLength={5} style={{ width: 84 }}
                        status={formatBad(p.end, true) ? 'error' : undefined}
                        onChange={(e) => edit(day, (ps) => ps.map((x, j) => (j === i ? { ...x, end: e.target.value.trim() } : x)))}
                      />
                      {isOvernight(p) ? <Tooltip title={t('businessCalendars.overnightHelp')}><Tag color="purple">{t('businessCalendars.overnight')}</Tag></Tooltip> : null}
                      <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('businessCalendars.removePeriod')} onClick={() => edit(day, (ps) => ps.filter((_, j) => j !== i))} />
                    </Space>
                    {formatBad(p.start, false) || formatBad(p.end, true) ? <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>{t('businessCalendars.rules.time')}</Typography.Text> : null}
                    {problems.map((text) => <Typography.Text key={text} type="danger" style={{ display: 'block', fontSize: 12 }}>{text}</Typography.Text>)}
                  </div>
                );
              })}
            </Flex>
            <Button
              size="small" icon={<PlusOutlined />} disabled={draft[day].length >= businessCalendarLimits.periodsPerDay} style={{ marginTop: 4 }}
              onClick={() => edit(day, (ps) => [...ps, ps.length ? { start: '13:30', end: '18:00' } : { start: '09:00', end: '18:00' }])}
            >
              {t('businessCalendars.addPeriod')}
            </Button>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
