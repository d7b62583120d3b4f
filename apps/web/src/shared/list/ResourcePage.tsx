import { useMemo, useState, type ReactNode } from 'react';
import { App, Button, Card, Flex, Popconfirm, Table } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Page } from '@kefu/contracts';
import { isApiError } from '../api/client';
import { problemMessage } from '../api/problem-message';
import { FormDrawer } from '../forms/FormDrawer';
import { PageHeader } from '../ui/PageHeader';
import { ProblemResult } from '../ui/ProblemResult';
import { CursorPager } from './CursorPager';
import { SearchBox } from './SearchBox';
import { useCursorList, type CursorQuery } from './use-cursor-list';
import { useUrlFilters, type Filters } from './use-url-filters';

export interface ResourceEditor<T, V extends object> {
  name: string;
  createLabel: string;
  createTitle: string;
  editTitle: string;
  fields: readonly string[];
  initialValues: (record: T | null) => Partial<V>;
  renderFields: (record: T | null) => ReactNode;
  create?: (values: V) => Promise<unknown>;
  update?: (record: T, values: V) => Promise<unknown>;
  remove?: {
    run: (record: T) => Promise<unknown>;
    confirm: (record: T) => string;
    /** Shown when the server refuses with 409 because other records still depend on this one. */
    conflictMessage?: string;
  };
}

export interface ResourcePageProps<T extends { id: string }, K extends string, V extends object> {
  /** Query-key root shared by every query of this resource, so saving refreshes them all. */
  resource: string;
  title: string;
  description?: string;
  searchPlaceholder?: string;
  /** URL filters besides `q`, as a module-level constant. */
  filterKeys?: readonly K[];
  renderFilters?: (
    filters: Filters<K>,
    setFilter: (key: K, value: string | undefined) => void,
    setFilters: (patch: Partial<Record<K, string | undefined>>) => void,
  ) => ReactNode;
  fetchPage: (query: Filters<K | 'q'> & CursorQuery, signal: AbortSignal) => Promise<Page<T>>;
  columns: ColumnsType<T>;
  editor?: ResourceEditor<T, V>;
  /** Lists without free-text search (the audit log) hide the search box. */
  searchable?: boolean;
  expandable?: TableProps<T>['expandable'];
  home?: string;
}

const noKeys: readonly never[] = [];

/**
 * The one admin list pattern: header, debounced search, URL filters, cursor-paginated table and a
 * create/edit drawer. Users, teams, organizations and customers are all this page with their own
 * columns and fields.
 */
export function ResourcePage<T extends { id: string }, K extends string = never, V extends object = object>(
  props: ResourcePageProps<T, K, V>,
) {
  const { resource, title, description, searchPlaceholder, renderFilters, fetchPage, columns, editor, home } = props;
  const { searchable = true, expandable } = props;
  const filterKeys = (props.filterKeys ?? noKeys) as readonly K[];
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const allKeys = useMemo(() => ['q' as const, ...filterKeys], [filterKeys]);
  const url = useUrlFilters<K | 'q'>(allKeys);
  const filters = url.filters;
  const list = useCursorList({ resource, filters, fetchPage });
  // The record stays set while the drawer animates closed, so its title does not flicker.
  // `seq` gives every opening a fresh form, so nothing typed last time leaks into the next one.
  const [drawer, setDrawer] = useState<{ open: boolean; record: T | null; seq: number }>({ open: false, record: null, seq: 0 });
  const openEditor = (record: T | null) => setDrawer((d) => ({ open: true, record, seq: d.seq + 1 }));
  const closeEditor = () => setDrawer((d) => ({ ...d, open: false }));

  const refresh = () => queryClient.invalidateQueries({ queryKey: [resource] });
  // Mutations (not bare calls) so a 401 on save reaches the cache's sign-out handling too.
  const save = useMutation({
    mutationFn: async ({ target, values }: { target: T | null; values: V }) => {
      if (target) await editor?.update?.(target, values);
      else await editor?.create?.(values);
    },
    onSuccess: refresh,
  });
  const destroy = useMutation({
    mutationFn: async (target: T) => {
      await editor?.remove?.run(target);
    },
    onSuccess: refresh,
  });

  if (list.query.isError && !list.query.data) {
    return <ProblemResult error={list.query.error} home={home} onRetry={() => void list.query.refetch()} />;
  }

  const record = drawer.record;
  const canSave = record ? Boolean(editor?.update) : Boolean(editor?.create);
  const tableColumns: ColumnsType<T> = editor?.update
    ? [
        ...columns,
        {
          key: 'actions',
          title: t('common.actions'),
          width: 96,
          fixed: 'right',
          render: (_: unknown, row: T) => (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openEditor(row)}>
              {t('common.edit')}
            </Button>
          ),
        },
      ]
    : columns;

  const remove = editor?.remove;
  const deleteButton =
    record && remove ? (
      <Popconfirm
        title={remove.confirm(record)}
        okText={t('common.delete')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true }}
        onConfirm={async () => {
          try {
            await destroy.mutateAsync(record);
            void message.success(t('common.deleted'));
            closeEditor();
          } catch (error) {
            const conflict = isApiError(error) && error.code === 'conflict' && remove.conflictMessage;
            void message.error(conflict || problemMessage(error, t));
          }
        }}
      >
        <Button danger icon={<DeleteOutlined />}>
          {t('common.delete')}
        </Button>
      </Popconfirm>
    ) : null;

  const filtered = url.active;
  // Dim the table only while it waits for different rows, not during a background refresh.
  const waitingForRows = list.query.isPending || (list.query.isFetching && list.query.isPlaceholderData);
  return (
    <>
      <PageHeader
        title={title}
        description={description}
        extra={
          editor?.create ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor(null)}>
              {editor.createLabel}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} wrap align="center" style={{ padding: 16 }}>
          {searchable ? (
            <SearchBox
              value={filters.q}
              onSearch={(q) => url.setFilter('q', q)}
              placeholder={searchPlaceholder ?? t('common.search')}
              label={t('common.search')}
            />
          ) : null}
          {renderFilters?.(filters, url.setFilter, (patch) => url.setFilters(patch as Partial<Record<K | 'q', string>>))}
          {filtered ? (
            <Button
              type="link"
              onClick={url.clear}
            >
              {t('common.clearFilters')}
            </Button>
          ) : null}
        </Flex>
        <Table<T>
          rowKey="id"
          columns={tableColumns}
          dataSource={list.items}
          loading={waitingForRows}
          pagination={false}
          expandable={expandable}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: filtered ? t('common.noMatches') : t('common.noData') }}
        />
        <div style={{ paddingBottom: 12 }}>
          <CursorPager
            page={list.page}
            count={list.items.length}
            hasPrev={list.hasPrev}
            hasNext={list.hasNext}
            onPrev={list.prev}
            onNext={list.next}
            loading={list.query.isFetching}
          />
        </div>
      </Card>
      {editor && canSave ? (
        <FormDrawer<V>
          key={drawer.seq}
          open={drawer.open}
          name={editor.name}
          title={record ? editor.editTitle : editor.createTitle}
          initialValues={editor.initialValues(record)}
          fields={editor.fields}
          successMessage={record ? t('common.saved') : t('common.created')}
          onClose={closeEditor}
          onSubmit={(values) => save.mutateAsync({ target: record, values })}
          footerExtra={deleteButton}
        >
          {editor.renderFields(record)}
        </FormDrawer>
      ) : null}
    </>
  );
}
