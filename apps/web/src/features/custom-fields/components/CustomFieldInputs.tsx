import { Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { appliesToTicketType, isEmptyCustomFieldValue, type CustomField, type TicketType } from '@kefu/contracts';
import { currentLocale } from '../../../i18n';
import { customFieldRule } from '../field-rules';

export interface CustomFieldInputsProps {
  /** Definitions in form order, e.g. from `useCustomFields()`. */
  defs: readonly CustomField[];
  ticketType: TicketType;
  /** A customer fills in only the fields shown in the portal. */
  actor?: 'staff' | 'customer';
  /**
   * The ticket's stored values when editing: a field that is inactive, or no longer applies to the
   * type, still shows its stored value, read-only, as the server keeps it.
   */
  stored?: Record<string, unknown>;
  disabled?: boolean;
}

/** Text longer than this gets a multi-line box. */
const SINGLE_LINE = 200;
const toDay = (v: unknown) => (typeof v === 'string' && v ? { value: dayjs(v, 'YYYY-MM-DD') } : { value: undefined });
// Cleared inputs send null, not undefined: a patch without the key would keep the old value.
const orNull = (v: unknown) => (v === undefined ? null : v);

/**
 * Inputs for a ticket's custom fields, placed inside an existing antd Form under
 * `['customFields', key]`, labelled in the current language and validated by the same contract
 * rules as the server.
 */
export function CustomFieldInputs({ defs, ticketType, actor = 'staff', stored, disabled }: CustomFieldInputsProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const shown = defs.filter((def) => {
    if (actor === 'customer' && !def.visibleToCustomer) return false;
    const open = def.active && appliesToTicketType(def, ticketType);
    return open || (stored !== undefined && !isEmptyCustomFieldValue(stored[def.key]));
  });

  return (
    <>
      {shown.map((def) => {
        const open = def.active && appliesToTicketType(def, ticketType);
        const readOnly = disabled || !open;
        const name = ['customFields', def.key];
        const help = def.helpText[locale] || undefined;
        const common = {
          name,
          label: def.label[locale],
          extra: !open ? t('customFields.inputs.retired') : help,
          rules: readOnly ? [] : [customFieldRule(def, t, { enforceRequired: true })],
        };
        const options = def.options.map((o) => ({ value: o.value, label: o.label[locale] }));
        switch (def.kind) {
          case 'text':
            return (
              <Form.Item key={def.key} {...common} normalize={orNull}>
                {(def.maxLength ?? Infinity) <= SINGLE_LINE ? (
                  <Input maxLength={def.maxLength ?? undefined} disabled={readOnly} allowClear />
                ) : (
                  <Input.TextArea maxLength={def.maxLength ?? undefined} autoSize={{ minRows: 2, maxRows: 8 }} disabled={readOnly} />
                )}
              </Form.Item>
            );
          case 'number':
            return (
              <Form.Item key={def.key} {...common} normalize={orNull}>
                <InputNumber min={def.min ?? undefined} max={def.max ?? undefined} style={{ width: '100%' }} disabled={readOnly} />
              </Form.Item>
            );
          case 'select':
            return (
              <Form.Item key={def.key} {...common} normalize={orNull}>
                <Select options={options} allowClear showSearch={{ optionFilterProp: 'label' }} disabled={readOnly} placeholder={t('customFields.inputs.choose')} />
              </Form.Item>
            );
          case 'multi_select':
            return (
              <Form.Item key={def.key} {...common}>
                <Select mode="multiple" options={options} allowClear showSearch={{ optionFilterProp: 'label' }} disabled={readOnly} placeholder={t('customFields.inputs.choose')} />
              </Form.Item>
            );
          case 'date':
            return (
              <Form.Item key={def.key} {...common} getValueProps={toDay} normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)}>
                <DatePicker style={{ width: '100%' }} disabled={readOnly} />
              </Form.Item>
            );
          case 'checkbox':
            return (
              <Form.Item key={def.key} {...common} extra={open ? undefined : common.extra} valuePropName="checked">
                <Checkbox disabled={readOnly}>{help ?? def.label[locale]}</Checkbox>
              </Form.Item>
            );
        }
      })}
    </>
  );
}
