import { useState } from 'react';
import { App, Button, Card, Flex, Popconfirm, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowDownOutlined, ArrowUpOutlined, CheckOutlined, DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ticketTypes, type CustomField, type TicketType } from '@kefu/contracts';
import { currentLocale } from '../../../i18n';
import { isApiError } from '../../../shared/api/client';
import { problemMessage } from '../../../shared/api/problem-message';
import { FormDrawer } from '../../../shared/forms/FormDrawer';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { createCustomField, customFieldsResource, deleteCustomField, reorderCustomFields, updateCustomField } from '../api';
import { useCustomFields } from '../hooks/use-custom-fields';
import { formFields, initialValues, toCreateBody, toUpdateBody, type CustomFieldFormValues } from './custom-field-form';
import { CustomFieldFormFields } from './CustomFieldFormFields';
import { FormPreview } from './FormPreview';

type Status = 'all' | 'active' | 'inactive';
const kindColors: Record<CustomField['kind'], string> = { text: 'default', number: 'blue', select: 'geekblue', multi_select: 'purple', date: 'cyan', checkbox: 'green' };
const yes = <CheckOutlined style={{ color: 'var(--ant-color-success)' }} />;

/** 自定义字段: the standardised forms of each ticket type, in the order agents and customers see them. */
export function CustomFieldsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [ticketType, setTicketType] = useState<TicketType | undefined>();
  const [status, setStatus] = useState<Status>('all');
  const [previewing, setPreviewing] = useState(false);
  const { fields, query } = useCustomFields({ ticketType, active: status === 'all' ? undefined : status === 'active' });
  const [drawer, setDrawer] = useState<{ open: boolean; record: CustomField | null; seq: number }>({ open: false, record: null, seq: 0 });
  const openEditor = (record: CustomField | null) => setDrawer((d) => ({ open: true, record, seq: d.seq + 1 }));
  const closeEditor = () => setDrawer((d) => ({ ...d, open: false }));

  const refresh = () => queryClient.invalidateQueries({ queryKey: [customFieldsResource] });
  const save = useMutation({
    mutationFn: async ({ record, values }: { record: CustomField | null; values: CustomFieldFormValues }) =>
      record ? updateCustomField(record.id, toUpdateBody(record, values)) : createCustomField(toCreateBody(values)),
    onSuccess: refresh,
  });
  const destroy = useMutation({ mutationFn: (record: CustomField) => deleteCustomField(record.id), onSuccess: refresh });
  const reorder = useMutation({ mutationFn: reorderCustomFields, onSuccess: refresh, onError: (error) => void message.error(problemMessage(error, t)) });

  if (query.isError && !query.data) return <ProblemResult error={query.error} home="/admin" onRetry={() => void query.refetch()} />;

  // Swapping two neighbours of the filtered list: the server puts the listed fields in the given
  // order within the places they hold, so fields hidden by the filter stay where they are.
  const move = (index: number, by: -1 | 1) => {
    const a = fields[index];
    const b = fields[index + by];
    if (a && b) reorder.mutate(by < 0 ? [a.id, b.id] : [b.id, a.id]);
  };

  const columns: ColumnsType<CustomField> = [
    {
      key: 'order',
      title: t('customFields.order'),
      width: 88,
      render: (_, f, index) => (
        <Space size={0}>
          <Tooltip title={t('customFields.moveUp')}>
            <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('customFields.moveUp')} disabled={index === 0 || reorder.isPending} onClick={() => move(index, -1)} />
          </Tooltip>
          <Tooltip title={t('customFields.moveDown')}>
            <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={t('customFields.moveDown')} disabled={index === fields.length - 1 || reorder.isPending} onClick={() => move(index, 1)} />
          </Tooltip>
        </Space>
      ),
    },
    {
      key: 'label',
      title: t('customFields.label'),
      render: (_, f) => (
        <div style={{ maxWidth: 360 }}>
          <Typography.Text strong>{f.label[locale]}</Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            <code>{f.key}</code> · {f.label[locale === 'en' ? 'zh-CN' : 'en']}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'kind',
      title: t('customFields.kind'),
      render: (_, f) => (
        <Tooltip title={f.options.length ? f.options.map((o) => o.label[locale]).join(' · ') : undefined}>
          <Tag color={kindColors[f.kind]}>{t(`customFields.kinds.${f.kind}`)}</Tag>
          {f.options.length ? <Typography.Text type="secondary">{t('customFields.optionCount', { count: f.options.length })}</Typography.Text> : null}
        </Tooltip>
      ),
    },
    {
      key: 'ticketTypes',
      title: t('customFields.ticketTypes'),
      render: (_, f) =>
        f.ticketTypes.length === 0 ? (
          <Typography.Text type="secondary">{t('customFields.allTypes')}</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {f.ticketTypes.map((type) => (
              <Tag key={type}>{t(`customFields.types.${type}`)}</Tag>
            ))}
          </Flex>
        ),
    },
    { key: 'required', title: t('customFields.required'), align: 'center', render: (_, f) => (f.required ? yes : null) },
    { key: 'visibleToCustomer', title: t('customFields.visibleToCustomer'), align: 'center', render: (_, f) => (f.visibleToCustomer ? yes : null) },
    {
      key: 'active',
      title: t('customFields.active'),
      render: (_, f) => (f.active ? <Tag color="success">{t('customFields.activeOn')}</Tag> : <Tag>{t('customFields.activeOff')}</Tag>),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 96,
      fixed: 'right',
      render: (_, f) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openEditor(f)}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  const record = drawer.record;
  const deleteButton = record ? (
    <Popconfirm
      title={t('customFields.deleteConfirm', { label: record.label[locale] })}
      okText={t('common.delete')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={async () => {
        try {
          await destroy.mutateAsync(record);
          void message.success(t('common.deleted'));
          closeEditor();
        } catch (error) {
          void message.error(isApiError(error) && error.code === 'conflict' ? t('customFields.inUse') : problemMessage(error, t));
        }
      }}
    >
      <Button danger icon={<DeleteOutlined />}>
        {t('common.delete')}
      </Button>
    </Popconfirm>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('customFields.title')}
        description={t('customFields.description')}
        extra={
          <>
            <Button icon={<EyeOutlined />} onClick={() => setPreviewing(true)}>
              {t('customFields.preview.open')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor(null)}>
              {t('customFields.create')}
            </Button>
          </>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} wrap align="center" style={{ padding: 16 }}>
          <Select<TicketType>
            allowClear
            value={ticketType}
            onChange={(v) => setTicketType(v)}
            placeholder={t('customFields.filterType')}
            aria-label={t('customFields.filterType')}
            style={{ minWidth: 180 }}
            options={ticketTypes.map((type) => ({ value: type, label: t(`customFields.types.${type}`) }))}
          />
          <Segmented<Status>
            value={status}
            onChange={setStatus}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'active', label: t('customFields.activeOn') },
              { value: 'inactive', label: t('customFields.activeOff') },
            ]}
          />
        </Flex>
        <Table<CustomField>
          rowKey="id"
          columns={columns}
          dataSource={fields}
          loading={query.isPending || reorder.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: ticketType || status !== 'all' ? t('common.noMatches') : t('customFields.empty') }}
        />
      </Card>
      <FormPreview open={previewing} onClose={() => setPreviewing(false)} fields={previewing ? fields : []} />
      <FormDrawer<CustomFieldFormValues>
        key={drawer.seq}
        open={drawer.open}
        name="customField"
        title={record ? t('customFields.editTitle') : t('customFields.createTitle')}
        initialValues={initialValues(record)}
        fields={formFields}
        successMessage={record ? t('common.saved') : t('common.created')}
        onClose={closeEditor}
        onSubmit={(values) => save.mutateAsync({ record, values })}
        footerExtra={deleteButton}
        width={720}
      >
        {(form) => <CustomFieldFormFields form={form} record={record} />}
      </FormDrawer>
    </>
  );
}
