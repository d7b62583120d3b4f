import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Result, Select, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { complaintCategories, createTicketBodySchema, ticketTypes, type CreateTicketBody, type TicketType } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { applyServerErrors } from '../../../shared/forms/server-errors';
import { zodRule } from '../../../shared/forms/zod-rule';
import { CustomFieldInputs, useCustomFields } from '../../custom-fields';
import { deflectKbArticle } from '../../kb/api';
import { ArticleSuggestions } from '../../kb/portal/ArticleSuggestions';
import { createTicket, ticketsResource } from '../../tickets/api';
import { uploadAttachment } from '../api';
import { FileUpload, type UploadedFile } from './FileUpload';

interface Values {
  type: TicketType;
  category?: (typeof complaintCategories)[number];
  subject: string;
  body: string;
  customFields?: Record<string, unknown>;
}

const fields = ['type', 'subject', 'body', 'customFields', 'complaint'];
const shape = createTicketBodySchema.shape;
const filled = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

function toBody(v: Values, attachmentIds: string[]): CreateTicketBody {
  const customFields = Object.fromEntries(Object.entries(v.customFields ?? {}).filter(([, value]) => filled(value)));
  return {
    subject: v.subject.trim(),
    body: v.body ?? '',
    type: v.type,
    ...(Object.keys(customFields).length ? { customFields } : {}),
    ...(v.type === 'complaint' && v.category ? { complaint: { category: v.category } } : {}),
    ...(attachmentIds.length ? { attachmentIds } : {}),
  };
}

/**
 * A customer's new request. While the subject is typed, articles that may answer it are offered;
 * "this solved my problem" counts a deflection and ends here, without a ticket.
 */
export function NewRequestPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  // A search that found nothing arrives with its words as the subject.
  const [params] = useSearchParams();
  const type = Form.useWatch('type', form) ?? 'inquiry';
  const subject = Form.useWatch('subject', form) ?? '';
  const { fields: defs } = useCustomFields({ active: true });
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const [deflected, setDeflected] = useState(false);

  const deflect = useMutation({
    mutationFn: (articleId: string) => deflectKbArticle(articleId, { query: subject.trim().slice(0, 500) || undefined, source: 'new_request' }),
    onSuccess: () => setDeflected(true),
    onError: (error) => void message.error(problemMessage(error, t)),
  });

  const create = useMutation({
    // The files travel with the ticket: they land on its first message, or nothing is opened.
    mutationFn: (values: Values) => createTicket(toBody(values, files.map((f) => f.id))),
    onSuccess: (ticket) => {
      void queryClient.invalidateQueries({ queryKey: [ticketsResource] });
      void message.success(t('kb.request.created', { number: ticket.number }));
      void navigate(`/portal/requests/${ticket.id}`);
    },
    onError: (error) => {
      const unmatched = applyServerErrors(form, error, fields, t);
      setBanner([problemMessage(error, t), ...unmatched].join(' '));
    },
  });

  if (deflected) {
    return (
      <Result
        status="success"
        data-testid="deflected"
        title={t('kb.request.deflectedTitle')}
        subTitle={t('kb.request.deflectedHint')}
        extra={[
          <Link key="home" to="/portal"><Button type="primary">{t('kb.portal.backHome')}</Button></Link>,
          <Button key="still" onClick={() => setDeflected(false)}>{t('kb.request.stillNeedHelp')}</Button>,
        ]}
      />
    );
  }

  return (
    <div style={{ paddingTop: 24, maxWidth: 820 }}>
      <Link to="/portal/requests" style={{ fontSize: 13 }}><ArrowLeftOutlined /> {t('portalRequests.back')}</Link>
      <Typography.Title level={3} style={{ margin: '8px 0 4px' }}>{t('kb.request.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('kb.request.intro')}</Typography.Paragraph>
      <Card>
        <Form<Values>
          form={form}
          name="new-request"
          layout="vertical"
          initialValues={{ type: 'inquiry', body: '', category: 'other', subject: (params.get('subject') ?? '').slice(0, 300) }}
          onFinish={(values) => {
            setBanner(null);
            create.mutate(values);
          }}
        >
          {banner ? <Alert type="error" showIcon title={banner} style={{ marginBottom: 16 }} /> : null}
          <Flex gap={12} wrap>
            <Form.Item name="type" label={t('tickets.fields.type')} style={{ minWidth: 200, flex: 1 }}>
              <Select options={ticketTypes.map((v) => ({ value: v, label: t(`tickets.type.${v}`) }))} />
            </Form.Item>
            {type === 'complaint' ? (
              <Form.Item name="category" label={t('kb.request.category')} style={{ minWidth: 200, flex: 1 }}>
                <Select options={complaintCategories.map((v) => ({ value: v, label: t(`tickets.category.${v}`) }))} />
              </Form.Item>
            ) : null}
          </Flex>
          <Form.Item name="subject" label={t('tickets.fields.subject')} rules={[{ required: true, message: t('kb.request.subjectRequired') }, zodRule(shape.subject, t)]}>
            <Input maxLength={300} placeholder={t('kb.request.subjectPlaceholder')} />
          </Form.Item>
          <ArticleSuggestions text={subject} solving={deflect.isPending ? (deflect.variables ?? null) : null} onSolved={(id) => deflect.mutate(id)} />
          <Form.Item name="body" label={t('kb.request.description')}>
            <Input.TextArea autoSize={{ minRows: 5, maxRows: 16 }} maxLength={20_000} placeholder={t('kb.request.descriptionPlaceholder')} />
          </Form.Item>
          <CustomFieldInputs defs={defs} ticketType={type} actor="customer" />
          <Form.Item label={t('kb.request.attachments')} extra={t('kb.request.attachmentsHint')}>
            <FileUpload upload={uploadAttachment} onChange={setFiles} onBusyChange={setUploading} />
          </Form.Item>
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={create.isPending} disabled={uploading}>{t('kb.request.submit')}</Button>
          </Flex>
        </Form>
      </Card>
    </div>
  );
}
