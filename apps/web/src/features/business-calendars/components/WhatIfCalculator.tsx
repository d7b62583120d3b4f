import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Flex, InputNumber, Segmented, Select, Typography } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { businessCalendarLimits, type BusinessCalendarDto } from '@kefu/contracts';
import { currentLocale } from '../../../i18n';
import { problemMessage } from '../../../shared/api/problem-message';
import { formatDateTime } from '../../../shared/ui/format';
import { computeDueAt, computeMinutesBetween } from '../api';
import { formatDuration, formatInZone, nowInZone, zonedIso } from '../calendar-text';

type Mode = 'due' | 'between';
type Unit = 'minutes' | 'hours';
type Answer = { kind: 'due'; dueAt: string; minutes: number } | { kind: 'between'; minutes: number };

/** 试算: what an SLA target would make due, or how much business time lies between two instants. */
export function WhatIfCalculator({ calendar }: { calendar: BusinessCalendarDto }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [mode, setMode] = useState<Mode>('due');
  const [start, setStart] = useState<Dayjs | null>(() => dayjs(nowInZone(calendar.timeZone)));
  const [amount, setAmount] = useState<number | null>(4);
  const [unit, setUnit] = useState<Unit>('hours');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const minutes = amount === null ? null : Math.round(unit === 'hours' ? amount * 60 : amount);

  const compute = useMutation({
    mutationFn: async (): Promise<Answer> => {
      if (mode === 'due') {
        const result = await computeDueAt(calendar.id, zonedIso(start!, calendar.timeZone), minutes!);
        return { kind: 'due', dueAt: 'dueAt' in result ? result.dueAt : '', minutes: minutes! };
      }
      const result = await computeMinutesBetween(calendar.id, zonedIso(range![0]!, calendar.timeZone), zonedIso(range![1]!, calendar.timeZone));
      return { kind: 'between', minutes: 'minutes' in result ? result.minutes : 0 };
    },
  });
  const ready = mode === 'due' ? start !== null && minutes !== null && minutes >= 0 && minutes <= businessCalendarLimits.computeMinutes : Boolean(range?.[0] && range[1]);
  const answer = compute.data?.kind === mode ? compute.data : undefined;

  return (
    <Card title={<Flex gap={8} align="center"><CalculatorOutlined />{t('businessCalendars.whatIf')}</Flex>}>
      <Flex vertical gap={12}>
        <Segmented<Mode>
          block
          value={mode}
          onChange={(m) => setMode(m)}
          options={[{ value: 'due', label: t('businessCalendars.modeDue') }, { value: 'between', label: t('businessCalendars.modeBetween') }]}
        />
        {mode === 'due' ? (
          <>
            <Typography.Text>{t('businessCalendars.startLabel')} ({calendar.timeZone})</Typography.Text>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={start} onChange={setStart} aria-label={t('businessCalendars.startLabel')} style={{ width: '100%' }} />
            <Typography.Text>{t('businessCalendars.targetLabel')}</Typography.Text>
            <Flex gap={8}>
              <InputNumber aria-label={t('businessCalendars.targetLabel')} min={0} max={unit === 'hours' ? businessCalendarLimits.computeMinutes / 60 : businessCalendarLimits.computeMinutes} value={amount} onChange={setAmount} style={{ flex: 1 }} />
              <Select<Unit> value={unit} onChange={setUnit} style={{ width: 110 }} options={[{ value: 'minutes', label: t('businessCalendars.units.minutes') }, { value: 'hours', label: t('businessCalendars.units.hours') }]} />
            </Flex>
          </>
        ) : (
          <>
            <Typography.Text>{t('businessCalendars.rangeLabel')} ({calendar.timeZone})</Typography.Text>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={range} onChange={(v) => setRange(v)} order={false} style={{ width: '100%' }} />
          </>
        )}
        <Button type="primary" icon={<CalculatorOutlined />} disabled={!ready} loading={compute.isPending} onClick={() => compute.mutate()}>
          {t('businessCalendars.compute')}
        </Button>
        {compute.isError ? <Alert type="error" showIcon title={problemMessage(compute.error, t)} /> : null}
        {answer?.kind === 'due' ? (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('businessCalendars.dueInZone', { zone: calendar.timeZone })}>
              <Typography.Text strong>{formatInZone(answer.dueAt, calendar.timeZone, locale)}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('businessCalendars.dueLocal')}>{formatDateTime(answer.dueAt)}</Descriptions.Item>
            <Descriptions.Item label={t('businessCalendars.businessTime')}>{formatDuration(answer.minutes, t)}</Descriptions.Item>
          </Descriptions>
        ) : null}
        {answer?.kind === 'between' ? (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('businessCalendars.businessTime')}>
              <Typography.Text strong>{formatDuration(answer.minutes, t)}</Typography.Text>
              <Typography.Text type="secondary"> ({t('businessCalendars.minutesCount', { count: answer.minutes })})</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('businessCalendars.whatIfHelp')}</Typography.Text>
      </Flex>
    </Card>
  );
}
