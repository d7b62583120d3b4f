import { useState } from 'react';
import { App, Button, Dropdown, Flex, Tooltip, Typography, type MenuProps } from 'antd';
import { DeleteOutlined, EditOutlined, LockOutlined, MoreOutlined, PlusOutlined, SaveOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SavedView, UpdateSavedViewBody } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { useCanShareViews, useSavedViews, useSavedViewWrites } from '../hooks/use-saved-views';
import { sameFilters, savedViewFilters, toViewFilters, type QueueFilters } from '../queue-views';
import { QueueCount } from './QueueCount';
import { SaveViewModal, type SaveViewTarget } from './SaveViewModal';

interface SavedViewsRailProps {
  /** The saved view the queue was opened from (`savedView` in the URL). */
  activeId: string | undefined;
  /** What the queue shows now: saved as a new view, or compared with the active one. */
  current: QueueFilters;
  /** A view was saved from the current filters (open it), or the active one deleted (undefined). */
  onActiveChange: (view: SavedView | undefined) => void;
  /** Live ticket counts per saved view id (null: unknown or a text search). */
  countOf: (id: string) => number | null;
  cap: number;
}

/** The queue URL of a saved view: its filters plus its id, so the rail can mark it. */
export function savedViewHref(view: SavedView) {
  return `/agent/tickets?${new URLSearchParams({ savedView: view.id, ...savedViewFilters(view) }).toString()}`;
}

/** The agent's own and the shared saved views under the preset views, and saving the current filters. */
export function SavedViewsRail({ activeId, current, onActiveChange, countOf, cap }: SavedViewsRailProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useCurrentUser();
  const canShare = useCanShareViews();
  const { personal, shared, byId, query } = useSavedViews();
  const { update, remove } = useSavedViewWrites();
  const [target, setTarget] = useState<SaveViewTarget | null>(null);
  const active = byId(activeId);
  const modified = active ? !sameFilters(savedViewFilters(active), current) : false;

  const failed = (error: unknown) => void message.error(problemMessage(error, t));
  const patch = (view: SavedView, body: UpdateSavedViewBody, done: string) =>
    update.mutate({ id: view.id, body }, { onSuccess: () => void message.success(done), onError: failed });

  const confirmDelete = (view: SavedView) =>
    modal.confirm({
      title: t('ticketTools.views.deleteConfirm', { name: view.name }),
      content: t('ticketTools.views.deleteHint'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(view).then(
          () => {
            void message.success(t('ticketTools.views.deleted'));
            if (view.id === activeId) onActiveChange(undefined);
          },
          failed,
        ),
    });

  const actions = (view: SavedView): MenuProps['items'] => [
    { key: 'rename', icon: <EditOutlined />, label: t('ticketTools.views.rename'), onClick: () => setTarget({ kind: 'rename', view }) },
    ...(view.id === activeId && modified
      ? [{ key: 'update', icon: <SaveOutlined />, label: t('ticketTools.views.update'), onClick: () => patch(view, { filters: toViewFilters(current) }, t('ticketTools.views.updated')) }]
      : []),
    ...(canShare && view.scope === 'personal'
      ? [{ key: 'share', icon: <TeamOutlined />, label: t('ticketTools.views.share'), onClick: () => patch(view, { scope: 'shared' }, t('ticketTools.views.sharedDone')) }]
      : []),
    ...(canShare && view.scope === 'shared' && view.ownerId === me.id
      ? [{ key: 'unshare', icon: <LockOutlined />, label: t('ticketTools.views.unshare'), onClick: () => patch(view, { scope: 'personal' }, t('ticketTools.views.unsharedDone')) }]
      : []),
    { type: 'divider' },
    { key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('ticketTools.views.delete'), onClick: () => confirmDelete(view) },
  ];

  const item = (view: SavedView) => {
    const isActive = view.id === activeId;
    return (
      <li key={view.id} className={`kefu-saved-view${isActive ? ' is-active' : ''}`} data-testid="saved-view">
        <Tooltip title={view.scope === 'shared' && view.ownerName ? t('ticketTools.views.owner', { name: view.ownerName }) : undefined} placement="right">
          <Link to={savedViewHref(view)} aria-current={isActive ? 'page' : undefined} className="kefu-saved-view-link">
            <Typography.Text ellipsis style={{ color: 'inherit' }}>{view.name}</Typography.Text>
            {isActive && modified ? <span className="kefu-saved-view-dot" title={t('ticketTools.views.modified')} aria-label={t('ticketTools.views.modified')} /> : null}
            <QueueCount count={countOf(view.id)} cap={cap} />
          </Link>
        </Tooltip>
        {view.editable ? (
          <Dropdown trigger={['click']} menu={{ items: actions(view) }}>
            <Button size="small" type="text" icon={<MoreOutlined />} aria-label={t('ticketTools.views.actions', { name: view.name })} className="kefu-saved-view-more" />
          </Dropdown>
        ) : null}
      </li>
    );
  };

  const section = (title: string, views: SavedView[]) =>
    views.length ? (
      <>
        <Typography.Text type="secondary" className="kefu-rail-heading">{title}</Typography.Text>
        <ul className="kefu-saved-views">{views.map(item)}</ul>
      </>
    ) : null;

  return (
    <nav aria-label={t('ticketTools.views.title')}>
      {section(t('ticketTools.views.personal'), personal)}
      {section(t('ticketTools.views.shared'), shared)}
      {!query.isPending && personal.length + shared.length === 0 ? (
        <Typography.Text type="secondary" className="kefu-rail-heading" style={{ whiteSpace: 'normal' }}>{t('ticketTools.views.empty')}</Typography.Text>
      ) : null}
      <Flex vertical gap={2} style={{ padding: '6px 4px 2px' }}>
        {active?.editable && modified ? (
          <Button size="small" type="link" icon={<SaveOutlined />} loading={update.isPending} style={{ justifyContent: 'flex-start' }}
            onClick={() => patch(active, { filters: toViewFilters(current) }, t('ticketTools.views.updated'))}>
            {t('ticketTools.views.update')}
          </Button>
        ) : null}
        <Button size="small" type="text" icon={<PlusOutlined />} style={{ justifyContent: 'flex-start' }} onClick={() => setTarget({ kind: 'create', filters: current })}>
          {t('ticketTools.views.save')}
        </Button>
      </Flex>
      <SaveViewModal
        target={target}
        onClose={() => setTarget(null)}
        onSaved={(view) => {
          if (target?.kind === 'create') onActiveChange(view);
          setTarget(null);
        }}
      />
    </nav>
  );
}
