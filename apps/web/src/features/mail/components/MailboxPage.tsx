import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Flex, Form, Input, Popconfirm, Radio, Row, Select, Skeleton, Switch, Tag, Tooltip } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { limits, unknownSenderPolicies, type Mailbox } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { applyNestedServerErrors } from '../../../shared/forms/server-errors';
import { zodRule } from '../../../shared/forms/zod-rule';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { useTeamDirectory } from '../../teams/hooks/use-team-directory';
import { createMailbox, deleteMailbox, mailboxesResource, mailboxKey, updateMailbox } from '../api';
import { useMailbox } from '../hooks/use-mailboxes';
import { emptyMailboxValues, formPathOf, mailboxShape, mailboxToValues, valuesToCreateBody, valuesToUpdateBody, type MailboxFormValues } from '../mailbox-form';
import { AutoReplyFields } from './AutoReplyFields';
import { ImapFields, SmtpFields } from './ConnectionFields';
import { PollStatus } from './PollStatus';
import { TestConnectionButton } from './TestConnectionButton';

/** A new mailbox (`mailboxes/new`) or one to change (`mailboxes/:id`). */
export function MailboxPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const query = useMailbox(isNew ? undefined : id);
  if (isNew) return <MailboxEditor key="new" mailbox={undefined} />;
  if (query.isError && !query.data) return <ProblemResult error={query.error} home="/admin/mailboxes" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  return <MailboxEditor key={`${query.data.id}@${query.data.updatedAt}`} mailbox={query.data} />;
}

function MailboxEditor({ mailbox }: { mailbox: Mailbox | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { teams } = useTeamDirectory();
  const [form] = Form.useForm<MailboxFormValues>();
  const useImap = Form.useWatch('useImap', form) ?? mailbox?.imap != null;
  const smtpMode = Form.useWatch('smtpMode', form) ?? (mailbox?.smtp ? 'own' : 'global');
  const [banner, setBanner] = useState<string | null>(null);
  const toList = () => void navigate('/admin/mailboxes');

  const save = useMutation({
    mutationFn: (values: MailboxFormValues) =>
      mailbox ? updateMailbox(mailbox.id, valuesToUpdateBody(values, mailbox)) : createMailbox(valuesToCreateBody(values)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(mailboxKey(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: [mailboxesResource, 'list'] });
      void message.success(mailbox ? t('common.saved') : t('common.created'));
      // A new mailbox stays open, so the admin can test the connection right away.
      if (!mailbox) void navigate(`/admin/mailboxes/${saved.id}`, { replace: true });
    },
    onError: (error) => {
      setBanner(applyNestedServerErrors(form, error, formPathOf, t));
    },
  });

  const remove = useMutation({
    mutationFn: () => deleteMailbox(mailbox!.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [mailboxesResource] });
      void message.success(t('common.deleted'));
      toList();
    },
    onError: (error) => void message.error(problemMessage(error, t)),
  });

  const submit = async () => {
    setBanner(null);
    try {
      await form.validateFields({ recursive: true });
    } catch {
      setBanner(t('errors.validation_failed'));
      return;
    }
    save.mutate(form.getFieldsValue(true) as MailboxFormValues);
  };

  const title = mailbox ? mailbox.name : t('mail.mailboxes.createTitle');
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/admin/mailboxes">{t('mail.mailboxes.title')}</Link> }, { title }]} />
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            {title}
            {mailbox?.isDefault ? <Tag color="blue">{t('mail.mailboxes.default')}</Tag> : null}
            {mailbox && !mailbox.active ? <Tag>{t('mail.mailboxes.inactive')}</Tag> : null}
          </Flex>
        }
        description={mailbox ? mailbox.address : t('mail.mailboxes.description')}
        extra={
          <>
            {mailbox ? <TestConnectionButton mailbox={mailbox} /> : null}
            {mailbox ? (
              <Popconfirm
                title={t('mail.mailboxes.deleteConfirm', { name: mailbox.name })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                disabled={mailbox.isDefault}
                onConfirm={() => remove.mutateAsync().catch(() => undefined)}
              >
                <Tooltip title={mailbox.isDefault ? t('mail.mailboxes.deleteDefault') : undefined}>
                  <Button danger icon={<DeleteOutlined />} disabled={mailbox.isDefault}>{t('common.delete')}</Button>
                </Tooltip>
              </Popconfirm>
            ) : null}
            <Button type="primary" loading={save.isPending} onClick={() => void submit()}>{t('common.save')}</Button>
          </>
        }
      />
      {banner ? <Alert type="error" showIcon title={banner} style={{ marginBottom: 16 }} data-testid="mailbox-error" /> : null}
      <Form<MailboxFormValues>
        form={form}
        name="mailbox"
        layout="vertical"
        initialValues={mailbox ? mailboxToValues(mailbox) : emptyMailboxValues()}
        requiredMark
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Flex vertical gap={16}>
              <Card title={t('mail.form.sectionGeneral')}>
                <Form.Item name="name" label={t('mail.mailboxes.name')} rules={[zodRule(mailboxShape.name, t)]}>
                  <Input maxLength={limits.name} placeholder={t('mail.mailboxes.namePlaceholder')} />
                </Form.Item>
                <Form.Item name="address" label={t('mail.mailboxes.address')} rules={[zodRule(mailboxShape.address, t)]} extra={t('mail.form.addressHelp')}>
                  <Input maxLength={limits.email} placeholder="support@example.com" />
                </Form.Item>
                <Row gutter={12}>
                  <Col span={12}>
                    <Form.Item name="active" label={t('mail.form.active')} valuePropName="checked" extra={t('mail.form.activeHelp')}>
                      <Switch />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name="isDefault" label={t('mail.form.isDefault')} valuePropName="checked" extra={t('mail.form.isDefaultHelp')}>
                      {/* The default stays the default until another mailbox takes its place. */}
                      <Switch disabled={mailbox?.isDefault} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
              <Card title={t('mail.form.sectionImap')} extra={mailbox?.imap ? <PollStatus mailbox={mailbox} /> : null}>
                <Form.Item name="useImap" label={t('mail.form.useImap')} valuePropName="checked" extra={useImap ? undefined : t('mail.form.useImapHelp')}>
                  <Switch />
                </Form.Item>
                {useImap ? <ImapFields mailbox={mailbox} /> : null}
              </Card>
            </Flex>
          </Col>
          <Col xs={24} xl={12}>
            <Flex vertical gap={16}>
              <Card title={t('mail.form.sectionSmtp')}>
                <Form.Item name="smtpMode" label={t('mail.form.smtpMode')} extra={smtpMode === 'global' ? t('mail.form.smtpGlobalHelp') : undefined}>
                  <Radio.Group
                    options={[
                      { value: 'global', label: t('mail.form.smtpGlobal') },
                      { value: 'own', label: t('mail.form.smtpOwn') },
                    ]}
                  />
                </Form.Item>
                {smtpMode === 'own' ? <SmtpFields mailbox={mailbox} /> : null}
              </Card>
              <Card title={t('mail.form.sectionAutoReply')}>
                <AutoReplyFields />
              </Card>
              <Card title={t('mail.form.sectionRouting')}>
                <Form.Item name="unknownSenderPolicy" label={t('mail.form.unknownSender')} extra={t('mail.form.unknownSenderHelp')}>
                  <Radio.Group vertical options={unknownSenderPolicies.map((p) => ({ value: p, label: t(`mail.form.policy.${p}`) }))} />
                </Form.Item>
                <Form.Item name="teamId" label={t('mail.form.team')} style={{ marginBottom: 0 }}>
                  <Select allowClear placeholder={t('mail.form.teamNone')} options={teams.map((team) => ({ value: team.id, label: team.name }))} />
                </Form.Item>
              </Card>
            </Flex>
          </Col>
        </Row>
      </Form>
    </>
  );
}
