import { useState } from 'react';
import { Button, DatePicker, Flex, Input, Select } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  complaintCategories, ticketChannels, ticketPriorities, ticketSorts, ticketStatuses, ticketTypes,
} from '@kefu/contracts';
import { SearchBox } from '../../../shared/list/SearchBox';
import { useTeamDirectory } from '../../teams/hooks/use-team-directory';
import { useStaffDirectory } from '../hooks/use-staff';
import type { QueueFilters, QueueKey } from '../queue-views';

interface QueueFilterBarProps {
  filters: QueueFilters;
  onChange: (patch: Partial<Record<QueueKey, string | undefined>>) => void;
}

const list = (v: string | undefined) => (v ? v.split(',').filter(Boolean) : []);
const join = (v: string[]) => (v.length ? v.join(',') : undefined);

/** Search, the common filters in one row, the rarer ones behind "more filters". */
export function QueueFilterBar({ filters, onChange }: QueueFilterBarProps) {
  const { t } = useTranslation();
  const { teams } = useTeamDirectory();
  const { staff } = useStaffDirectory();
  const rare: QueueKey[] = ['type', 'channel', 'category', 'tag', 'createdFrom', 'createdTo'];
  const [more, setMore] = useState(rare.some((k) => filters[k]));

  const multi = (key: QueueKey, label: string, options: { value: string; label: string }[], width = 200) => (
    <Select
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      aria-label={label}
      placeholder={label}
      style={{ width }}
      value={list(filters[key])}
      options={options}
      onChange={(v: string[]) => onChange({ [key]: join(v) })}
    />
  );

  return (
    <Flex vertical gap={8} style={{ padding: '12px 12px 8px' }}>
      <Flex gap={8} wrap align="center">
        <SearchBox
          value={filters.q}
          onSearch={(q) => onChange({ q })}
          placeholder={t('tickets.queue.searchPlaceholder')}
          label={t('common.search')}
        />
        {multi('status', t('tickets.filters.status'), ticketStatuses.map((v) => ({ value: v, label: t(`tickets.status.${v}`) })), 230)}
        {multi('priority', t('tickets.filters.priority'), ticketPriorities.map((v) => ({ value: v, label: t(`tickets.priority.${v}`) })), 150)}
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('tickets.filters.assignee')}
          placeholder={t('tickets.filters.assignee')}
          style={{ width: 150 }}
          value={filters.assignee ?? null}
          onChange={(v: string | null | undefined) => onChange({ assignee: v ?? undefined })}
          options={[
            { value: 'me', label: t('tickets.filters.assigneeMe') },
            { value: 'none', label: t('tickets.filters.assigneeNone') },
            ...staff.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name })),
          ]}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('tickets.filters.teamId')}
          placeholder={t('tickets.filters.teamId')}
          style={{ width: 150 }}
          value={filters.teamId ?? null}
          onChange={(v: string | null | undefined) => onChange({ teamId: v ?? undefined })}
          options={teams.map((team) => ({ value: team.id, label: team.name }))}
        />
        <Select
          aria-label={t('tickets.filters.sort')}
          style={{ width: 140 }}
          value={filters.sort ?? 'updated'}
          onChange={(v: string) => onChange({ sort: v === 'updated' ? undefined : v })}
          options={ticketSorts.map((s) => ({ value: s, label: t(`tickets.sort.${s}`) }))}
        />
        <Button type={more ? 'link' : 'text'} icon={<FilterOutlined />} onClick={() => setMore((m) => !m)}>
          {t('tickets.filters.more')}
        </Button>
      </Flex>
      {more ? (
        <Flex gap={8} wrap align="center">
          {multi('type', t('tickets.filters.type'), ticketTypes.map((v) => ({ value: v, label: t(`tickets.type.${v}`) })), 180)}
          {multi('channel', t('tickets.filters.channel'), ticketChannels.map((v) => ({ value: v, label: t(`tickets.channel.${v}`) })), 180)}
          {multi('category', t('tickets.filters.category'), complaintCategories.map((v) => ({ value: v, label: t(`tickets.category.${v}`) })), 200)}
          <Input
            allowClear
            aria-label={t('tickets.filters.tag')}
            placeholder={t('tickets.filters.tag')}
            style={{ width: 140 }}
            defaultValue={filters.tag}
            key={filters.tag ?? ''}
            onPressEnter={(e) => onChange({ tag: e.currentTarget.value.trim() || undefined })}
            onBlur={(e) => onChange({ tag: e.currentTarget.value.trim() || undefined })}
            onClear={() => onChange({ tag: undefined })}
          />
          <DatePicker.RangePicker
            aria-label={t('tickets.filters.created')}
            placeholder={[t('tickets.filters.createdFrom'), t('tickets.filters.createdTo')]}
            value={[filters.createdFrom ? dayjs(filters.createdFrom) : null, filters.createdTo ? dayjs(filters.createdTo) : null]}
            onChange={(range) =>
              onChange({
                createdFrom: range?.[0]?.startOf('day').toISOString(),
                createdTo: range?.[1]?.endOf('day').toISOString(),
              })
            }
          />
        </Flex>
      ) : null}
    </Flex>
  );
}
