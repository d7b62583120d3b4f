import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Flex, Form, Input, Popconfirm, Row, Select, Skeleton, Switch, Tag } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useResolvedPath } from 'react-router';
import { createSlaPolicyBodySchema, limits, ticketStatuses, type SlaPolicy } from '@kefu/contracts';
import { isApiError } from '../../../shared/api/client';
import { problemMessage } from '../../../shared/api/problem-message';
import { applyNestedServerErrors } from '../../../shared/forms/server-errors';
import { zodRule } from '../../../shared/forms/zod-rule';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { useBusinessCalendars } from '../../business-calendars/hooks/use-business-calendars';
import { createSlaPolicy, deleteSlaPolicy, slaPoliciesResource, slaPolicyKey, updateSlaPolicy } from '../api';
import { useCanEditSlaPolicies, useSlaPolicy } from '../hooks/use-sla-policies';
import { emptyPolicyValues, formPathOf, policyToValues, valuesToBody, type PolicyFormValues } from '../policy-form';
import { ConditionsFields } from './ConditionsFields';
import { EscalationStepsEditor } from './EscalationStepsEditor';
import { TargetsEditor } from './TargetsEditor';

const shape = createSlaPolicyBodySchema.shape;

/** A new policy (`sla-policies/new`) or one to change (`sla-policies/:id`). */
export function SlaPolicyPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const query = useSlaPolicy(isNew ? undefined : id);
  const listPath = useResolvedPath('..', { relative: 'path' }).pathname;
  if (isNew) return <PolicyEditor key="new" policy={undefined} />;
  if (query.isError && !query.data) return <ProblemResult error={query.error} home={listPath} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  return <PolicyEditor key={`${query.data.id}@${query.data.version}`} policy={query.data} />;
}

function PolicyEditor({ policy }: { policy: SlaPolicy | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canEdit = useCanEditSlaPolicies();
  const { calendars } = useBusinessCalendars();
  const [form] = Form.useForm<PolicyFormValues>();
  const [banner, setBanner] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const toList = () => void navigate('..', { relative: 'path' });

  const save = useMutation({
    mutationFn: (values: PolicyFormValues) => {
      const body = valuesToBody(values);
      return policy ? updateSlaPolicy(policy.id, body, policy.version) : createSlaPolicy(body);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(slaPolicyKey(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: [slaPoliciesResource, 'list'] });
      void message.success(policy ? t('common.saved') : t('common.created'));
      toList();
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 412) {
        setStale(true);
        return;
      }
      setBanner(applyNestedServerErrors(form, error, formPathOf, t));
    },
  });

  const remove = useMutation({
    mutationFn: () => deleteSlaPolicy(policy!.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [slaPoliciesResource] });
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
    save.mutate(form.getFieldsValue(true) as PolicyFormValues);
  };

  const reload = async () => {
    setStale(false);
    if (policy) await queryClient.refetchQueries({ queryKey: slaPolicyKey(policy.id) });
  };

  const title = policy ? policy.name : t('sla.policies.createTitle');
  const defaultCalendar = calendars.find((c) => c.isDefault);
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to=".." relative="path">{t('sla.policies.title')}</Link> }, { title }]} />
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            {title}
            {policy && !policy.active ? <Tag>{t('sla.policies.inactive')}</Tag> : null}
          </Flex>
        }
        description={policy ? t('sla.policies.editHint') : t('sla.policies.createHint')}
        extra={
          canEdit ? (
            <>
              {policy ? (
                <Popconfirm
                  title={t('sla.policies.deleteConfirm', { name: policy.name })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync().catch(() => undefined)}
                >
                  <Button danger icon={<DeleteOutlined />}>{t('common.delete')}</Button>
                </Popconfirm>
              ) : null}
              <Button type="primary" loading={save.isPending} onClick={() => void submit()}>{t('common.save')}</Button>
            </>
          ) : null
        }
      />
      {stale ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('sla.policies.stale')}
          action={<Button size="small" onClick={() => void reload()}>{t('tickets.live.reload')}</Button>}
        />
      ) : null}
      {banner ? <Alert type="error" showIcon title={banner} style={{ marginBottom: 16 }} data-testid="policy-error" /> : null}
      <Form<PolicyFormValues>
        form={form}
        name="slaPolicy"
        layout="vertical"
        initialValues={policy ? policyToValues(policy) : emptyPolicyValues()}
        disabled={!canEdit}
        requiredMark
      >
        <Flex vertical gap={16}>
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <Card title={t('sla.policies.basics')} style={{ height: '100%' }}>
                <Form.Item name="name" label={t('sla.policies.name')} rules={[zodRule(shape.name, t)]}>
                  <Input maxLength={100} placeholder={t('sla.policies.namePlaceholder')} />
                </Form.Item>
                <Form.Item name="description" label={t('sla.policies.description')} rules={[zodRule(shape.description, t)]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={limits.note} />
                </Form.Item>
                <Form.Item name="active" label={t('sla.policies.active')} valuePropName="checked" extra={t('sla.policies.activeHelp')} style={{ marginBottom: 0 }}>
                  <Switch />
                </Form.Item>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('sla.policies.clock')} style={{ height: '100%' }}>
                <Form.Item name="calendarId" label={t('sla.policies.calendar')} extra={t('sla.policies.calendarHelp')}>
                  <Select
                    allowClear
                    placeholder={defaultCalendar ? t('sla.policies.defaultCalendarNamed', { name: defaultCalendar.name }) : t('sla.policies.defaultCalendar')}
                    options={calendars.map((c) => ({ value: c.id, label: c.isDefault ? `${c.name} (${t('businessCalendars.default')})` : c.name }))}
                  />
                </Form.Item>
                <Form.Item name="pauseStatuses" label={t('sla.policies.pauseStatuses')} extra={t('sla.policies.pauseHelp')} style={{ marginBottom: 0 }}>
                  <Select mode="multiple" allowClear options={ticketStatuses.filter((s) => s !== 'resolved' && s !== 'closed').map((s) => ({ value: s, label: t(`tickets.status.${s}`) }))} />
                </Form.Item>
              </Card>
            </Col>
          </Row>
          <ConditionsFields />
          <TargetsEditor />
          <EscalationStepsEditor disabled={!canEdit} />
        </Flex>
      </Form>
    </>
  );
}
