import { Button, Form, Input, Switch, Tabs, Typography } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { defaultAutoReplyTemplates, localeSchema, mailLimits, type Locale } from '@kefu/contracts';
import { zodRule } from '../../../shared/forms/zod-rule';
import { mailboxShape, type MailboxFormValues } from '../mailbox-form';

const templateShape = mailboxShape.autoReply.unwrap().shape.templates.shape;
// Written in code, not in the translations: i18next would read "{{ticket.number}}" as its own placeholder.
const placeholders = [
  { token: '{{ticket.number}}', label: 'mail.form.placeholderNumber' },
  { token: '{{ticket.subject}}', label: 'mail.form.placeholderSubject' },
] as const;

/** The acknowledgment sent on a new ticket, one template per customer language. */
export function AutoReplyFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<MailboxFormValues>();
  const enabled = Form.useWatch(['autoReply', 'enabled'], form) ?? false;
  const tab = (locale: Locale) => ({
    key: locale,
    label: locale === 'zh-CN' ? t('mail.form.templateZh') : t('mail.form.templateEn'),
    forceRender: true,
    children: (
      <>
        <Form.Item name={['autoReply', 'templates', locale, 'subject']} label={t('mail.form.subject')} rules={[zodRule(templateShape[locale].shape.subject, t)]}>
          <Input maxLength={mailLimits.templateSubject} disabled={!enabled} />
        </Form.Item>
        <Form.Item name={['autoReply', 'templates', locale, 'body']} label={t('mail.form.body')} rules={[zodRule(templateShape[locale].shape.body, t)]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={mailLimits.templateBody} disabled={!enabled} />
        </Form.Item>
      </>
    ),
  });
  return (
    <>
      <Form.Item name={['autoReply', 'enabled']} label={t('mail.form.autoReplyEnabled')} valuePropName="checked" extra={t('mail.form.autoReplyHelp')}>
        <Switch />
      </Form.Item>
      <Tabs
        size="small"
        items={localeSchema.options.map(tab)}
        tabBarExtraContent={
          <Button
            size="small"
            type="text"
            icon={<UndoOutlined />}
            disabled={!enabled}
            onClick={() => form.setFieldValue(['autoReply', 'templates'], structuredClone(defaultAutoReplyTemplates))}
          >
            {t('mail.form.resetTemplates')}
          </Button>
        }
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('mail.form.placeholders')}{' '}
        {placeholders.map((p, i) => (
          <span key={p.token}>
            {i > 0 ? '，' : null}
            <Typography.Text code copyable={{ text: p.token }} style={{ fontSize: 12 }}>{p.token}</Typography.Text> {t(p.label)}
          </span>
        ))}
      </Typography.Text>
    </>
  );
}
