import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { issueMessage, type IssueLike } from './issue-message';

/** Any contract schema: only `safeParse` is needed to validate a single form field. */
export interface FieldSchema {
  safeParse(value: unknown): { success: boolean; error?: { issues: readonly IssueLike[] } };
}

export interface ZodRuleOptions {
  /** Treat '' and null as "not given" (optional update fields such as a password reset). */
  emptyIsUnset?: boolean;
}

function isEmpty(value: unknown) {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * An antd Form rule that validates one field with its contract schema, so the browser and the
 * server reject exactly the same input. `required` is derived from the schema (for the asterisk).
 */
export function zodRule(schema: FieldSchema, t: TFunction, options: ZodRuleOptions = {}): FormRule {
  const required = !schema.safeParse(undefined).success;
  return {
    required: required && !options.emptyIsUnset,
    validator: async (_rule, raw: unknown) => {
      const value = options.emptyIsUnset && isEmpty(raw) ? undefined : raw === null && !required ? undefined : raw;
      const result = schema.safeParse(value);
      const issue = result.success ? undefined : result.error?.issues[0];
      if (issue) throw new Error(issueMessage(issue, t));
    },
  };
}
