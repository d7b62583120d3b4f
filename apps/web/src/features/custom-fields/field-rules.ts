import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import {
  customFieldMessages,
  customFieldValueSchema,
  isEmptyCustomFieldValue,
  type CustomFieldDef,
} from '@kefu/contracts';
import { issueMessage, type IssueLike } from '../../shared/forms/issue-message';

type MessageName = keyof typeof customFieldMessages;
const byText = new Map<string, MessageName>(Object.entries(customFieldMessages).map(([name, text]) => [text, name as MessageName]));

/** The contract's stable English texts, translated; other issues as every form translates them. */
export function customFieldMessage(issue: IssueLike, t: TFunction): string {
  const name = byText.get(issue.message);
  return name ? t(`customFields.errors.${name}`) : issueMessage(issue, t);
}

/** A server field error's message, if it is one of ours. */
export function customFieldServerMessage(message: string, t: TFunction): string {
  const name = byText.get(message);
  return name ? t(`customFields.errors.${name}`) : message;
}

/**
 * The antd rule for one custom field input: the contract's value schema for its kind, plus the
 * server's rule that empty means "not set" and a required checkbox must be checked.
 */
export function customFieldRule(def: CustomFieldDef, t: TFunction, options: { enforceRequired: boolean }): FormRule {
  const schema = customFieldValueSchema(def);
  const required = options.enforceRequired && def.required;
  return {
    required,
    validator: async (_rule, value: unknown) => {
      if (isEmptyCustomFieldValue(value)) {
        if (required) throw new Error(def.kind === 'checkbox' ? t('customFields.errors.mustBeChecked') : t('validation.required'));
        return;
      }
      if (required && def.kind === 'checkbox' && value !== true) throw new Error(t('customFields.errors.mustBeChecked'));
      const result = schema.safeParse(value);
      const issue = result.success ? undefined : result.error.issues[0];
      if (issue) throw new Error(customFieldMessage(issue, t));
    },
  };
}
