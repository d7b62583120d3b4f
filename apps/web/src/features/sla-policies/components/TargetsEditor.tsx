import { Card, Flex, Form, InputNumber, Radio, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { slaTargetKinds, slaTargetSchema, type SlaTargetKind } from '@kefu/contracts';
import { targetMinutes, type PolicyFormValues } from '../policy-form';

const maxMinutes = slaTargetSchema.shape.minutes.maxValue ?? 525_600;

/** 时限: first response, next response and resolution, each on or off, hours + minutes, business or calendar time. */
export function TargetsEditor() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<PolicyFormValues>();
  const targets = Form.useWatch('targets', form);

  const sizeRule = (kind: SlaTargetKind) => ({
    validator: async () => {
      const v = form.getFieldValue(['targets', kind]) as PolicyFormValues['targets'][SlaTargetKind] | undefined;
      if (!v?.enabled) return;
      const total = targetMinutes(v);
      if (total < 1) throw new Error(t('sla.targets.tooShort'));
      if (total > maxMinutes) throw new Error(t('sla.targets.tooLong'));
    },
  });
  const someRule = {
    validator: async () => {
      const all = form.getFieldValue('targets') as PolicyFormValues['targets'] | undefined;
      if (!slaTargetKinds.some((k) => all?.[k]?.enabled)) throw new Error(t('sla.targets.none'));
    },
  };

  return (
    <Card title={t('sla.targets.title')} extra={<Typography.Text type="secondary">{t('sla.targets.help')}</Typography.Text>}>
      <Flex vertical gap={4}>
        {slaTargetKinds.map((kind) => {
          const name = t(`sla.target.${kind}`);
          const on = Boolean(targets?.[kind]?.enabled);
          return (
            <Flex key={kind} gap={12} align="flex-start" wrap role="group" aria-label={name}>
              <Form.Item
                name={['targets', kind, 'enabled']}
                valuePropName="checked"
                style={{ width: 170, marginBottom: 12 }}
                rules={kind === 'first_response' ? [someRule] : []}
                dependencies={slaTargetKinds.filter((k) => k !== kind).map((k) => ['targets', k, 'enabled'])}
              >
                <Switch aria-label={t('sla.targets.enable', { target: name })} checkedChildren={name} unCheckedChildren={name} />
              </Form.Item>
              <Form.Item
                name={['targets', kind, 'hours']}
                rules={[sizeRule(kind)]}
                dependencies={[['targets', kind, 'minutes'], ['targets', kind, 'enabled']]}
                style={{ marginBottom: 12 }}
              >
                <InputNumber aria-label={`${name} ${t('sla.targets.hours')}`} min={0} max={8760} precision={0} disabled={!on} suffix={t('sla.targets.hoursUnit')} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={['targets', kind, 'minutes']} style={{ marginBottom: 12 }}>
                <InputNumber aria-label={`${name} ${t('sla.targets.minutes')}`} min={0} max={59} precision={0} disabled={!on} suffix={t('sla.targets.minutesUnit')} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name={['targets', kind, 'businessTime']} style={{ marginBottom: 12 }}>
                <Radio.Group
                  optionType="button"
                  disabled={!on}
                  aria-label={`${name} ${t('sla.targets.clock')}`}
                  options={[
                    { value: true, label: t('sla.targets.business') },
                    { value: false, label: t('sla.targets.calendar') },
                  ]}
                />
              </Form.Item>
            </Flex>
          );
        })}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sla.targets.clockHelp')}</Typography.Text>
      </Flex>
    </Card>
  );
}
