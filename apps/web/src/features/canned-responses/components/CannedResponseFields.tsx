import { useRef } from 'react';
import { Alert, AutoComplete, Card, ConfigProvider, Flex, Form, Input, Radio, Select, Skeleton, Tag, Tooltip, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useTranslation } from 'react-i18next';
import { cannedResponseLimits, cannedResponsePlaceholders, createCannedResponseBodySchema, type CannedResponse, type CannedResponsePlaceholder } from '@kefu/contracts';
import { zodRule, type FieldSchema } from '../../../shared/forms/zod-rule';
import { localeOptions } from '../../../shared/forms/locale-options';
import { insertAt, textToHtml } from '../body-text';
import { useCannedCategories, useCannedPreview } from '../hooks/use-canned-responses';
import { RenderedHtml } from './RenderedHtml';

const shape = createCannedResponseBodySchema.shape;
/** The textarea holds plain text; the contract's limits apply to the HTML it becomes. */
const bodyRule: FieldSchema = { safeParse: (value) => shape.body.safeParse(typeof value === 'string' ? textToHtml(value) : value) };
const richTags = /<(?!\/?(?:p|br)\b)[a-z]/i;
// A placeholder added to the contract fails typecheck here until it has a label.
const placeholderLabels = {
  'customer.name': 'cannedResponses.placeholder.customer_name',
  'customer.email': 'cannedResponses.placeholder.customer_email',
  'ticket.number': 'cannedResponses.placeholder.ticket_number',
  'ticket.subject': 'cannedResponses.placeholder.ticket_subject',
  'agent.name': 'cannedResponses.placeholder.agent_name',
  'organization.name': 'cannedResponses.placeholder.organization_name',
} as const satisfies Record<CannedResponsePlaceholder, string>;

function Preview({ saved }: { saved?: CannedResponse }) {
  const { t } = useTranslation();
  const text = Form.useWatch<string | undefined>('body') ?? '';
  const preview = useCannedPreview(text, saved);
  const unresolved = preview.data?.unresolved ?? [];
  return (
    <Card size="small" title={t('cannedResponses.preview')} styles={{ body: { minHeight: 64 } }}>
      {!text.trim() ? (
        <Typography.Text type="secondary">{t('cannedResponses.previewEmpty')}</Typography.Text>
      ) : preview.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : preview.data ? (
        <>
          <RenderedHtml html={preview.data.html} style={{ opacity: preview.isFetching ? 0.6 : 1 }} />
          {unresolved.length ? (
            <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('cannedResponses.unresolved', { names: unresolved.map((n) => `{{${n}}}`).join(' ') })} />
          ) : null}
        </>
      ) : (
        <Typography.Text type="secondary">{t('cannedResponses.previewUnavailable')}</Typography.Text>
      )}
    </Card>
  );
}

interface FieldsProps {
  record: CannedResponse | null;
  /** Agents keep personal responses only; shared ones need a supervisor or admin. */
  canShare: boolean;
}

/** The create/edit form: plain-text body with placeholder chips, and a live preview with sample data. */
export function CannedResponseFields({ record, canShare }: FieldsProps) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const textarea = useRef<TextAreaRef>(null);
  const categories = useCannedCategories();
  const readOnly = Boolean(record && !record.editable);

  const insertPlaceholder = (name: string) => {
    const el = textarea.current?.resizableTextArea?.textArea;
    const current: string = form.getFieldValue('body') ?? '';
    const next = insertAt(current, el?.selectionStart ?? current.length, el?.selectionEnd ?? current.length, `{{${name}}}`);
    form.setFieldValue('body', next.value);
    void form.validateFields(['body']).catch(() => undefined);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.cursor, next.cursor);
    });
  };

  return (
    <ConfigProvider componentDisabled={readOnly}>
      {readOnly ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('cannedResponses.readOnly')} /> : null}
      {record && richTags.test(record.body) && !readOnly ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('cannedResponses.richBodyNotice')} />
      ) : null}
      <Form.Item name="title" label={t('cannedResponses.titleField')} rules={[zodRule(shape.title, t)]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="body"
        label={t('cannedResponses.body')}
        rules={[zodRule(bodyRule, t)]}
        extra={t('cannedResponses.bodyHelp')}
      >
        <Input.TextArea ref={textarea} autoSize={{ minRows: 6, maxRows: 16 }} />
      </Form.Item>
      <Flex wrap gap={6} align="center" style={{ marginTop: -12, marginBottom: 20 }} role="group" aria-label={t('cannedResponses.placeholders')}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cannedResponses.placeholders')}
        </Typography.Text>
        {cannedResponsePlaceholders.map((name) => (
          <Tooltip key={name} title={`{{${name}}}`}>
            <Tag.CheckableTag checked={false} onChange={() => !readOnly && insertPlaceholder(name)}>
              {t(placeholderLabels[name])}
            </Tag.CheckableTag>
          </Tooltip>
        ))}
      </Flex>
      <div style={{ marginBottom: 24 }}>
        <Preview saved={record ?? undefined} />
      </div>
      <Form.Item name="category" label={t('cannedResponses.category')} rules={[zodRule(shape.category, t)]}>
        <AutoComplete
          maxLength={cannedResponseLimits.category}
          allowClear
          placeholder={t('cannedResponses.categoryPlaceholder')}
          options={categories.map((c) => ({ value: c.category }))}
          showSearch={{ filterOption: (input, option) => String(option?.value ?? '').toLowerCase().includes(input.toLowerCase()) }}
        />
      </Form.Item>
      <Form.Item name="scope" label={t('cannedResponses.scope')} rules={[zodRule(shape.scope, t)]} extra={canShare ? undefined : t('cannedResponses.shareHelp')}>
        <Radio.Group
          options={[
            { value: 'personal', label: t('cannedResponses.scopes.personal') },
            { value: 'shared', label: t('cannedResponses.scopes.shared'), disabled: !canShare },
          ]}
        />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="shortcut" label={t('cannedResponses.shortcut')} rules={[zodRule(shape.shortcut, t)]} extra={t('cannedResponses.shortcutHelp')} style={{ flex: 1, minWidth: 200 }}>
          <Input maxLength={cannedResponseLimits.shortcut} placeholder="/refund" allowClear />
        </Form.Item>
        <Form.Item name="locale" label={t('cannedResponses.locale')} style={{ flex: 1, minWidth: 200 }}>
          <Select allowClear placeholder={t('cannedResponses.anyLocale')} options={localeOptions(t)} />
        </Form.Item>
      </Flex>
    </ConfigProvider>
  );
}
