import { Button, Card, Checkbox, Empty, Flex, Form, InputNumber, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { escalationAudiences, maxEscalationLevel, slaTargetKinds, type SlaTargetKind } from '@kefu/contracts';
import type { PolicyFormValues, StepValues } from '../policy-form';
import '../sla.css';

const MAX_STEPS = 20;
const maxAfterBreach = 525_600;
const levels = Array.from({ length: maxEscalationLevel }, (_, i) => i + 1);

/**
 * 升级规则: each step watches one target and fires at a share of its time, or minutes after its
 * breach; it notifies people, may raise the ticket's level and may hand it to a supervisor.
 */
export function EscalationStepsEditor({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<PolicyFormValues>();
  const steps = Form.useWatch('escalations', form) as StepValues[] | undefined;

  const targetRule = {
    validator: async (_: unknown, value: SlaTargetKind | undefined) => {
      if (!value) throw new Error(t('validation.required'));
      if (!form.getFieldValue(['targets', value, 'enabled'])) throw new Error(t('sla.steps.targetOff'));
    },
  };
  const numberRule = (max: number) => ({
    validator: async (_: unknown, value: number | null | undefined) => {
      if (value === null || value === undefined) throw new Error(t('validation.required'));
      if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(t('sla.steps.range', { max }));
    },
  });

  return (
    <Card title={t('sla.steps.title')} extra={<Typography.Text type="secondary">{t('sla.steps.help')}</Typography.Text>}>
      <Form.List name="escalations">
        {(fields, { add, remove }) => (
          <Flex vertical gap={12}>
            {fields.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sla.steps.empty')} /> : null}
            {fields.map((field, index) => {
              const label = t('sla.steps.step', { n: index + 1 });
              const trigger = steps?.[index]?.trigger ?? 'percent';
              return (
                <div key={field.key} role="group" aria-label={label} className="kefu-sla-step" data-testid="escalation-step">
                  <Flex gap={8} align="flex-start" wrap>
                    <Typography.Text strong style={{ lineHeight: '32px', width: 64 }}>{label}</Typography.Text>
                    <Form.Item name={[field.name, 'target']} rules={[targetRule]} style={{ marginBottom: 8 }}>
                      <Select
                        aria-label={`${label} ${t('sla.steps.target')}`}
                        style={{ width: 150 }}
                        options={slaTargetKinds.map((k) => ({ value: k, label: t(`sla.target.${k}`) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'trigger']} style={{ marginBottom: 8 }}>
                      <Select
                        aria-label={`${label} ${t('sla.steps.trigger')}`}
                        style={{ width: 180 }}
                        options={[
                          { value: 'percent', label: t('sla.steps.atPercent') },
                          { value: 'afterBreach', label: t('sla.steps.afterBreach') },
                        ]}
                      />
                    </Form.Item>
                    {trigger === 'percent' ? (
                      <Form.Item name={[field.name, 'atPercent']} rules={[numberRule(100)]} style={{ marginBottom: 8 }}>
                        <InputNumber aria-label={`${label} ${t('sla.steps.percent')}`} min={1} max={100} precision={0} suffix="%" style={{ width: 110 }} />
                      </Form.Item>
                    ) : (
                      <Form.Item name={[field.name, 'afterBreachMinutes']} rules={[numberRule(maxAfterBreach)]} style={{ marginBottom: 8 }}>
                        <InputNumber aria-label={`${label} ${t('sla.steps.minutesAfter')}`} min={1} max={maxAfterBreach} precision={0} suffix={t('sla.targets.minutesUnit')} style={{ width: 130 }} />
                      </Form.Item>
                    )}
                    <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                      {trigger === 'percent' ? t('sla.steps.percentHelp') : t('sla.steps.afterBreachHelp')}
                    </Typography.Text>
                    <div style={{ flex: 1 }} />
                    {disabled ? null : (
                      <Button type="text" icon={<DeleteOutlined />} aria-label={t('sla.steps.remove', { n: index + 1 })} onClick={() => remove(field.name)} />
                    )}
                  </Flex>
                  <Flex gap={16} align="flex-start" wrap style={{ paddingInlineStart: 72 }}>
                    <Form.Item name={[field.name, 'notify']} label={t('sla.steps.notify')} style={{ marginBottom: 0 }}>
                      <Checkbox.Group options={escalationAudiences.map((a) => ({ value: a, label: t(`sla.audience.${a}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'raiseToLevel']} label={t('sla.steps.raise')} style={{ marginBottom: 0 }}>
                      <Select
                        aria-label={`${label} ${t('sla.steps.raise')}`}
                        style={{ width: 170 }}
                        options={[{ value: null, label: t('sla.steps.noRaise') }, ...levels.map((l) => ({ value: l, label: t(`sla.escalation.levelName.${l as 1 | 2 | 3}`) }))]}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'reassignToSupervisor']} valuePropName="checked" style={{ marginBottom: 0, paddingTop: 30 }}>
                      <Checkbox>{t('sla.steps.reassign')}</Checkbox>
                    </Form.Item>
                  </Flex>
                </div>
              );
            })}
            {disabled ? null : (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_STEPS}
                onClick={() => {
                  const first = slaTargetKinds.find((k) => form.getFieldValue(['targets', k, 'enabled'])) ?? 'first_response';
                  const step: StepValues = { target: first, trigger: 'percent', atPercent: 75, notify: ['assignee'], raiseToLevel: null, reassignToSupervisor: false };
                  add(step);
                }}
              >
                {t('sla.steps.add')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}
