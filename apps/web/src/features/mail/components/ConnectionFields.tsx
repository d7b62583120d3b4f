import { Checkbox, Col, Form, Input, InputNumber, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { mailLimits, type Mailbox } from '@kefu/contracts';
import { zodRule } from '../../../shared/forms/zod-rule';
import { imapShape, smtpShape } from '../mailbox-form';

/** Passwords are write-only: the field says whether one is stored, empty keeps it, a box clears it. */
function PasswordField({ part, hasPassword }: { part: 'imap' | 'smtp'; hasPassword: boolean }) {
  const { t } = useTranslation();
  const shape = part === 'imap' ? imapShape : smtpShape;
  return (
    <>
      <Form.Item
        name={[part, 'password']}
        label={t('mail.form.password')}
        rules={[zodRule(shape.password, t, { emptyIsUnset: true })]}
        extra={t('mail.form.passwordHelp')}
      >
        <Input.Password
          autoComplete="new-password"
          maxLength={mailLimits.password}
          placeholder={hasPassword ? t('mail.form.passwordKeep') : t('mail.form.passwordNone')}
        />
      </Form.Item>
      {hasPassword ? (
        <Form.Item name={[part, 'clearPassword']} valuePropName="checked" style={{ marginTop: -12 }}>
          <Checkbox>{t('mail.form.passwordClear')}</Checkbox>
        </Form.Item>
      ) : null}
    </>
  );
}

/** The IMAP account polled for new mail. */
export function ImapFields({ mailbox }: { mailbox: Mailbox | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} sm={16}>
          <Form.Item name={['imap', 'host']} label={t('mail.form.host')} rules={[zodRule(imapShape.host, t)]}>
            <Input maxLength={mailLimits.host} placeholder={t('mail.form.hostPlaceholder')} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name={['imap', 'port']} label={t('mail.form.port')} rules={[zodRule(imapShape.port, t)]}>
            <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['imap', 'tls']} label={t('mail.form.tls')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name={['imap', 'user']} label={t('mail.form.user')} rules={[zodRule(imapShape.user, t)]}>
        <Input maxLength={mailLimits.user} autoComplete="off" />
      </Form.Item>
      <PasswordField part="imap" hasPassword={mailbox?.imap?.hasPassword ?? false} />
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name={['imap', 'folder']} label={t('mail.form.folder')} rules={[zodRule(imapShape.folder, t)]}>
            <Input maxLength={mailLimits.folder} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={['imap', 'pollIntervalSeconds']} label={t('mail.form.pollInterval')} rules={[zodRule(imapShape.pollIntervalSeconds, t)]}>
            <InputNumber min={mailLimits.pollIntervalSeconds.min} max={mailLimits.pollIntervalSeconds.max} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** This mailbox's own outgoing server (instead of the global KEFU_SMTP_URL). */
export function SmtpFields({ mailbox }: { mailbox: Mailbox | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} sm={16}>
          <Form.Item name={['smtp', 'host']} label={t('mail.form.host')} rules={[zodRule(smtpShape.host, t)]}>
            <Input maxLength={mailLimits.host} placeholder={t('mail.form.smtpHostPlaceholder')} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name={['smtp', 'port']} label={t('mail.form.port')} rules={[zodRule(smtpShape.port, t)]}>
            <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['smtp', 'secure']} label={t('mail.form.secure')} valuePropName="checked" extra={t('mail.form.secureHelp')}>
        <Switch />
      </Form.Item>
      <Form.Item name={['smtp', 'user']} label={t('mail.form.user')} rules={[zodRule(smtpShape.user, t, { emptyIsUnset: true })]}>
        <Input maxLength={mailLimits.user} autoComplete="off" />
      </Form.Item>
      <PasswordField part="smtp" hasPassword={mailbox?.smtp?.hasPassword ?? false} />
      <Form.Item name={['smtp', 'from']} label={t('mail.form.from')} rules={[zodRule(smtpShape.from, t, { emptyIsUnset: true })]} extra={t('mail.form.fromHelp')}>
        <Input maxLength={640} />
      </Form.Item>
    </>
  );
}
