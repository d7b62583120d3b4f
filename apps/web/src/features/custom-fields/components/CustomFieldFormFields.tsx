import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Divider, Flex, Form, Input, InputNumber, Row, Select, Switch, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  createCustomFieldBodySchema,
  customFieldKinds,
  customFieldLimits,
  customFieldOptionSchema,
  localizedHelpSchema,
  localizedLabelSchema,
  selectKinds,
  ticketTypes,
  type CustomField,
  type CustomFieldKind,
} from '@kefu/contracts';
import { zodRule } from '../../../shared/forms/zod-rule';
import { customFieldMessage } from '../field-rules';
import type { CustomFieldFormValues } from './custom-field-form';

const shape = createCustomFieldBodySchema.shape;
const labelShape = localizedLabelSchema.shape;
const helpShape = localizedHelpSchema.shape;
const optionValue = customFieldOptionSchema.shape.value;

/** The create/edit drawer's fields; key and kind are fixed once the field exists. */
export function CustomFieldFormFields({ form, record }: { form: FormInstance<CustomFieldFormValues>; record: CustomField | null }) {
  const { t } = useTranslation();
  const kind = (Form.useWatch('kind', form) ?? record?.kind ?? 'text') as CustomFieldKind;
  const keyRule = {
    validator: async (_: unknown, value: unknown) => {
      const issue = shape.key.safeParse(value).error?.issues[0];
      if (issue) throw new Error(customFieldMessage(issue, t));
    },
  };

  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="key" label={t('customFields.key')} tooltip={t('customFields.keyHelp')} rules={[{ required: true, message: t('validation.required') }, keyRule]}>
            <Input disabled={Boolean(record)} maxLength={customFieldLimits.key} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="kind" label={t('customFields.kind')} rules={[zodRule(shape.kind, t)]}>
            <Select disabled={Boolean(record)} options={customFieldKinds.map((k) => ({ value: k, label: t(`customFields.kinds.${k}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={['label', 'zh-CN']} label={t('customFields.labelZh')} rules={[zodRule(labelShape['zh-CN'], t)]}>
            <Input maxLength={customFieldLimits.label} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['label', 'en']} label={t('customFields.labelEn')} rules={[zodRule(labelShape.en, t)]}>
            <Input maxLength={customFieldLimits.label} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={['helpText', 'zh-CN']} label={t('customFields.helpZh')} rules={[zodRule(helpShape['zh-CN'].optional(), t)]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={customFieldLimits.help} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['helpText', 'en']} label={t('customFields.helpEn')} rules={[zodRule(helpShape.en.optional(), t)]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={customFieldLimits.help} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="ticketTypes" label={t('customFields.ticketTypes')} extra={t('customFields.ticketTypesHelp')}>
        <Checkbox.Group options={ticketTypes.map((type) => ({ value: type, label: t(`customFields.types.${type}`) }))} />
      </Form.Item>
      <Flex gap={24} wrap>
        <Form.Item name="required" label={t('customFields.required')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="visibleToCustomer" label={t('customFields.visibleToCustomer')} tooltip={t('customFields.visibleToCustomerHelp')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="active" label={t('customFields.active')} tooltip={t('customFields.activeHelp')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Flex>
      {kind === 'number' ? (
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="min" label={t('customFields.min')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="max"
              label={t('customFields.max')}
              dependencies={['min']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, max: number | null) => {
                    const min = getFieldValue('min') as number | null;
                    if (typeof min === 'number' && typeof max === 'number' && min > max) throw new Error(t('customFields.errors.minMaxOrder'));
                  },
                }),
              ]}
            >
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      {kind === 'text' ? (
        <Form.Item name="maxLength" label={t('customFields.maxLength')} extra={t('customFields.maxLengthHelp', { max: customFieldLimits.textLength })}>
          <InputNumber min={1} max={customFieldLimits.textLength} precision={0} style={{ width: 200 }} />
        </Form.Item>
      ) : null}
      {selectKinds.includes(kind) ? <OptionsEditor /> : null}
    </>
  );
}

function OptionsEditor() {
  const { t } = useTranslation();
  return (
    <>
      <Divider titlePlacement="start" plain>
        {t('customFields.options')}
      </Divider>
      <Form.List
        name="options"
        rules={[
          {
            validator: async (_, options: unknown[] | undefined) => {
              if (!options || options.length === 0) throw new Error(t('customFields.errors.optionsRequired'));
              if (options.length > customFieldLimits.options) throw new Error(t('validation.tooMany', { max: customFieldLimits.options }));
            },
          },
        ]}
      >
        {(items, { add, remove }, { errors }) => (
          <>
            {items.map((item, index) => (
              <Flex key={item.key} gap={8} align="flex-start">
                <Form.Item
                  name={[item.name, 'value']}
                  style={{ flex: 1 }}
                  rules={[
                    zodRule(optionValue, t),
                    ({ getFieldValue }) => ({
                      validator: async (_, value: unknown) => {
                        const all = (getFieldValue('options') as { value?: string }[] | undefined) ?? [];
                        if (value && all.findIndex((o) => o?.value === value) !== index) throw new Error(t('customFields.errors.optionRepeated'));
                      },
                    }),
                  ]}
                >
                  <Input placeholder={t('customFields.optionValue')} aria-label={t('customFields.optionValue')} maxLength={customFieldLimits.optionValue} style={{ fontFamily: 'monospace' }} />
                </Form.Item>
                <Form.Item name={[item.name, 'label', 'zh-CN']} style={{ flex: 1 }} rules={[zodRule(labelShape['zh-CN'], t)]}>
                  <Input placeholder={t('customFields.labelZh')} aria-label={t('customFields.labelZh')} />
                </Form.Item>
                <Form.Item name={[item.name, 'label', 'en']} style={{ flex: 1 }} rules={[zodRule(labelShape.en, t)]}>
                  <Input placeholder={t('customFields.labelEn')} aria-label={t('customFields.labelEn')} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('customFields.removeOption')} onClick={() => remove(item.name)} />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ value: '', label: { 'zh-CN': '', en: '' } })} disabled={items.length >= customFieldLimits.options} block>
              {t('customFields.addOption')}
            </Button>
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
              {t('customFields.optionsHelp')}
            </Typography.Text>
          </>
        )}
      </Form.List>
    </>
  );
}
