import { App, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NotificationKind, NotificationPreference, NotificationPreferences } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { getNotificationPreferences, notificationPreferencesKey, putNotificationPreferences } from '../api';

type Channel = 'inApp' | 'email';

/** Each switch saves on its own: there is nothing to submit, and a failed save flips back. */
export function NotificationPreferencesTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: notificationPreferencesKey, queryFn: ({ signal }) => getNotificationPreferences(signal) });
  const save = useMutation({
    mutationFn: (pref: NotificationPreference) => putNotificationPreferences({ items: [pref] }),
    onMutate: async (pref) => {
      await queryClient.cancelQueries({ queryKey: notificationPreferencesKey });
      const before = queryClient.getQueryData<NotificationPreferences>(notificationPreferencesKey);
      if (before) {
        queryClient.setQueryData<NotificationPreferences>(notificationPreferencesKey, {
          items: before.items.map((p) => (p.kind === pref.kind ? pref : p)),
        });
      }
      return { before };
    },
    onError: (error, _pref, context) => {
      if (context?.before) queryClient.setQueryData(notificationPreferencesKey, context.before);
      void message.error(problemMessage(error, t));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(notificationPreferencesKey, saved);
      void message.success(t('notificationPreferences.saved'));
    },
  });

  if (query.isError) return <ProblemResult error={query.error} onRetry={() => void query.refetch()} />;

  const kindLabel = (kind: NotificationKind) => t(`notificationPreferences.kinds.${kind}`);
  const toggle = (pref: NotificationPreference, channel: Channel, on: boolean) => save.mutate({ ...pref, [channel]: on });
  const switchColumn = (channel: Channel): ColumnsType<NotificationPreference>[number] => ({
    key: channel,
    title: t(`notificationPreferences.${channel}`),
    width: 110,
    align: 'center',
    render: (_, pref) => (
      <Switch
        size="small"
        checked={pref[channel]}
        aria-label={`${kindLabel(pref.kind)} · ${t(`notificationPreferences.${channel}`)}`}
        onChange={(on) => toggle(pref, channel, on)}
      />
    ),
  });
  const columns: ColumnsType<NotificationPreference> = [
    { key: 'kind', title: t('notificationPreferences.kind'), render: (_, pref) => kindLabel(pref.kind) },
    switchColumn('inApp'),
    switchColumn('email'),
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('notificationPreferences.hint')}</Typography.Paragraph>
      <Table<NotificationPreference>
        rowKey="kind"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isPending}
        pagination={false}
      />
    </>
  );
}
