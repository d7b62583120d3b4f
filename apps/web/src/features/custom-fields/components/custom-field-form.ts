import type { CreateCustomFieldBody, CustomField, CustomFieldKind, CustomFieldOption, LocalizedText, TicketType, UpdateCustomFieldBody } from '@kefu/contracts';
import { selectKinds } from '@kefu/contracts';

export interface CustomFieldFormValues {
  key: string;
  kind: CustomFieldKind;
  label: LocalizedText;
  helpText: LocalizedText;
  options?: CustomFieldOption[];
  required: boolean;
  ticketTypes: TicketType[];
  visibleToCustomer: boolean;
  active: boolean;
  min?: number | null;
  max?: number | null;
  maxLength?: number | null;
}

/** Server errors on these land on their inputs; nested ones (label.en) go to the banner. */
export const formFields = ['key', 'kind', 'options', 'required', 'ticketTypes', 'visibleToCustomer', 'active', 'min', 'max', 'maxLength'] as const;

export const initialValues = (f: CustomField | null): CustomFieldFormValues => ({
  key: f?.key ?? '',
  kind: f?.kind ?? 'text',
  label: f?.label ?? { 'zh-CN': '', en: '' },
  helpText: f?.helpText ?? { 'zh-CN': '', en: '' },
  options: f?.options ?? [],
  required: f?.required ?? false,
  ticketTypes: f?.ticketTypes ?? [],
  visibleToCustomer: f?.visibleToCustomer ?? false,
  active: f?.active ?? true,
  min: f?.min ?? null,
  max: f?.max ?? null,
  maxLength: f?.maxLength ?? null,
});

/** Only what the kind allows: the drawer keeps no hidden inputs, but be explicit for the server. */
function kindParts(kind: CustomFieldKind, v: CustomFieldFormValues) {
  return {
    options: selectKinds.includes(kind) ? (v.options ?? []) : [],
    min: kind === 'number' ? (v.min ?? null) : null,
    max: kind === 'number' ? (v.max ?? null) : null,
    maxLength: kind === 'text' ? (v.maxLength ?? null) : null,
  };
}

const common = (v: CustomFieldFormValues) => ({
  label: v.label,
  helpText: { 'zh-CN': v.helpText?.['zh-CN'] ?? '', en: v.helpText?.en ?? '' },
  required: Boolean(v.required),
  ticketTypes: v.ticketTypes ?? [],
  visibleToCustomer: Boolean(v.visibleToCustomer),
  active: Boolean(v.active),
});

export const toCreateBody = (v: CustomFieldFormValues): CreateCustomFieldBody => ({ key: v.key, kind: v.kind, ...common(v), ...kindParts(v.kind, v) });
export const toUpdateBody = (f: CustomField, v: CustomFieldFormValues): UpdateCustomFieldBody => ({ ...common(v), ...kindParts(f.kind, v) });
