import type { TFunction } from 'i18next';

/** The shape of a zod issue this app reads; kept structural so the web needs no direct zod import. */
export interface IssueLike {
  code: string;
  message: string;
  path: PropertyKey[];
}

// Messages written in the contracts' refinements, translated by their stable English text.
const knownMessages: Record<string, (t: TFunction) => string> = {
  'must not contain control characters': (t) => t('validation.controlChars'),
  'must not repeat an email': (t) => t('validation.repeatEmail'),
  'must not repeat a phone': (t) => t('validation.repeatPhone'),
  'must be a domain name such as example.com': (t) => t('validation.domain'),
  'must be a phone number: digits, spaces, + ( ) - .': (t) => t('validation.phone'),
  'currentPassword is required to set newPassword': (t) => t('validation.currentPasswordRequired'),
  // Server-side field errors.
  'is incorrect': (t) => t('validation.incorrect'),
  'is not a known field': (t) => t('validation.unknownField'),
};

function num(value: unknown): number | undefined {
  return typeof value === 'number' || typeof value === 'bigint' ? Number(value) : undefined;
}

/** One human sentence for one issue, in the UI language. */
export function issueMessage(issue: IssueLike, t: TFunction): string {
  const extra = issue as IssueLike & Record<string, unknown>;
  const known = knownMessages[issue.message];
  let message: string;
  if (known) {
    message = known(t);
  } else {
    switch (issue.code) {
      case 'invalid_type':
        message = extra.input === undefined || extra.input === null ? t('validation.required') : t('validation.invalid');
        break;
      case 'too_small': {
        const min = num(extra.minimum) ?? 0;
        if (extra.origin === 'string') message = min <= 1 ? t('validation.required') : t('validation.tooShort', { min });
        else if (extra.origin === 'array' || extra.origin === 'set') message = t('validation.tooFew', { min });
        else message = t('validation.numberMin', { min });
        break;
      }
      case 'too_big': {
        const max = num(extra.maximum) ?? 0;
        if (extra.origin === 'string') message = t('validation.tooLong', { max });
        else if (extra.origin === 'array' || extra.origin === 'set') message = t('validation.tooMany', { max });
        else message = t('validation.numberMax', { max });
        break;
      }
      case 'invalid_format':
        message = extra.format === 'email' ? t('validation.email') : t('validation.invalid');
        break;
      case 'not_multiple_of':
        message = t('validation.integer');
        break;
      default:
        message = issue.message || t('validation.invalid');
    }
  }
  // An issue inside a list field (`emails.2`) names which entry is wrong.
  const index = issue.path.find((p): p is number => typeof p === 'number');
  return index === undefined ? message : t('validation.item', { n: index + 1, message });
}

/** Server field errors carry the same English refinement texts; translate those we know. */
export function serverFieldMessage(message: string, t: TFunction): string {
  const known = knownMessages[message];
  return known ? known(t) : message;
}
