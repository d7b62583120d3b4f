import { z } from 'zod';
import { freeTextSchema, idSchema, isoDate, pageQuerySchema, textSchema } from './common.js';
import { limits } from './limits.js';

/** Limits of the email channel: what a mailbox accepts and what its settings hold. */
export const mailLimits = {
  /** Largest raw message accepted (bytes); the SMTP listener advertises it in EHLO SIZE. */
  messageBytes: 25 * 1024 * 1024,
  host: 253,
  user: 320,
  password: 1_000,
  folder: 200,
  templateSubject: 200,
  templateBody: 10_000,
  pollIntervalSeconds: { min: 15, max: 86_400, default: 60 },
} as const;

/** What to do with a reply whose sender is not a participant of the ticket it points to. */
export const unknownSenderPolicies = ['new_ticket', 'flagged_note'] as const;
export const unknownSenderPolicySchema = z.enum(unknownSenderPolicies);
export type UnknownSenderPolicy = z.infer<typeof unknownSenderPolicySchema>;

const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(mailLimits.host)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'must be a host name or IP address');
const portSchema = z.number().int().min(1).max(65_535);
const userSchema = textSchema(mailLimits.user);
/** A mailbox address; unlike customer emails, intranet domains such as `support@localhost` are fine. */
export const mailboxAddressSchema = z
  .string()
  .trim()
  .max(limits.email)
  .regex(/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, 'must be an email address such as support@example.com')
  .transform((s) => s.toLowerCase());

/** Write-only: never returned; `null` on update clears it, omitted keeps it. */
const passwordSchema = z.string().max(mailLimits.password).refine((s) => !/[\r\n\u0000]/.test(s), 'must be one line');

export const mailTemplateSchema = z.object({
  subject: z.string().max(mailLimits.templateSubject),
  body: z.string().max(mailLimits.templateBody),
});
export type MailTemplate = z.infer<typeof mailTemplateSchema>;

export const autoReplySchema = z.object({
  enabled: z.boolean(),
  templates: z.object({ 'zh-CN': mailTemplateSchema, en: mailTemplateSchema }),
});
export type AutoReply = z.infer<typeof autoReplySchema>;

/** Default acknowledgment texts; `{{ticket.number}}` and `{{ticket.subject}}` are filled in when sending. */
export const defaultAutoReplyTemplates: AutoReply['templates'] = {
  'zh-CN': {
    subject: '我们已收到您的来信 [#{{ticket.number}}]',
    body: '您好，\n\n我们已收到您的来信（工单号 #{{ticket.number}}），客服人员会尽快回复您。回复本邮件即可补充信息。\n',
  },
  en: {
    subject: 'We received your message [#{{ticket.number}}]',
    body: 'Hello,\n\nWe received your message (ticket #{{ticket.number}}) and will get back to you soon. Reply to this email to add details.\n',
  },
};

export const mailboxImapSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  tls: z.boolean(),
  user: z.string(),
  folder: z.string(),
  pollIntervalSeconds: z.number().int(),
  hasPassword: z.boolean(),
});
export const mailboxSmtpSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  /** true: TLS from the first byte (465); false: STARTTLS when offered (587/25). */
  secure: z.boolean(),
  user: z.string().nullable(),
  hasPassword: z.boolean(),
  /** From header of outgoing mail; null = the mailbox address. */
  from: z.string().nullable(),
});

/** A mailbox (邮箱): an address customers write to, read by IMAP polling and/or the built-in SMTP listener. */
export const mailboxSchema = z.object({
  id: idSchema,
  name: z.string(),
  address: z.string(),
  active: z.boolean(),
  /** Mail sent to the listener for an address no mailbox claims is refused; the default is used for agent replies without a mailbox. */
  isDefault: z.boolean(),
  /** null: no IMAP account (mail arrives through the SMTP listener only). */
  imap: mailboxImapSchema.nullable(),
  /** Outbound SMTP of this mailbox; null = the global transport. */
  smtp: mailboxSmtpSchema.nullable(),
  autoReply: autoReplySchema,
  unknownSenderPolicy: unknownSenderPolicySchema,
  /** New tickets from this mailbox go to this team. */
  teamId: idSchema.nullable(),
  lastPollAt: isoDate.nullable(),
  /** The exact failure of the last poll; null when it succeeded. */
  lastPollError: z.string().nullable(),
  /** Messages stored by the last poll. */
  lastPollCount: z.number().int().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Mailbox = z.infer<typeof mailboxSchema>;

const imapInputSchema = z
  .object({
    host: hostSchema,
    port: portSchema.default(993),
    tls: z.boolean().default(true),
    user: userSchema,
    password: passwordSchema.nullable().optional(),
    folder: textSchema(mailLimits.folder).default('INBOX'),
    pollIntervalSeconds: z
      .number()
      .int()
      .min(mailLimits.pollIntervalSeconds.min)
      .max(mailLimits.pollIntervalSeconds.max)
      .default(mailLimits.pollIntervalSeconds.default),
  })
  .strict();
const smtpInputSchema = z
  .object({
    host: hostSchema,
    port: portSchema.default(587),
    secure: z.boolean().default(false),
    user: userSchema.nullable().default(null),
    password: passwordSchema.nullable().optional(),
    from: textSchema(limits.email * 2).nullable().default(null),
  })
  .strict();
const autoReplyInputSchema = z
  .object({
    enabled: z.boolean(),
    templates: z
      .object({
        'zh-CN': z.object({ subject: freeTextSchema(mailLimits.templateSubject), body: z.string().max(mailLimits.templateBody) }).strict(),
        en: z.object({ subject: freeTextSchema(mailLimits.templateSubject), body: z.string().max(mailLimits.templateBody) }).strict(),
      })
      .strict(),
  })
  .strict();

export const createMailboxBodySchema = z
  .object({
    name: textSchema(limits.name),
    address: mailboxAddressSchema,
    active: z.boolean().default(true),
    isDefault: z.boolean().default(false),
    imap: imapInputSchema.nullable().default(null),
    smtp: smtpInputSchema.nullable().default(null),
    autoReply: autoReplyInputSchema.default({ enabled: false, templates: defaultAutoReplyTemplates }),
    unknownSenderPolicy: unknownSenderPolicySchema.default('new_ticket'),
    teamId: idSchema.nullable().default(null),
  })
  .strict();
export type CreateMailboxBody = z.input<typeof createMailboxBodySchema>;

/** Omitted fields are kept; within `imap`/`smtp` an omitted password keeps the stored one, `null` clears it. */
export const updateMailboxBodySchema = z
  .object({
    name: textSchema(limits.name).optional(),
    address: mailboxAddressSchema.optional(),
    active: z.boolean().optional(),
    isDefault: z.literal(true).optional(),
    imap: imapInputSchema.nullable().optional(),
    smtp: smtpInputSchema.nullable().optional(),
    autoReply: autoReplyInputSchema.optional(),
    unknownSenderPolicy: unknownSenderPolicySchema.optional(),
    teamId: idSchema.nullable().optional(),
  })
  .strict();
export type UpdateMailboxBody = z.input<typeof updateMailboxBodySchema>;

export const listMailboxesQuerySchema = pageQuerySchema;

/** What the reply composer offers agents: active mailboxes to answer from, without account settings. */
export const mailboxChoiceSchema = z.object({ id: idSchema, name: z.string(), address: z.string(), isDefault: z.boolean() });
export type MailboxChoice = z.infer<typeof mailboxChoiceSchema>;
export const mailboxChoicesSchema = z.object({ items: z.array(mailboxChoiceSchema) });

export const mailConnectionCheckSchema = z.object({
  ok: z.boolean(),
  /** The exact failure: DNS, connection refused, TLS, authentication, missing folder … */
  error: z.string().optional(),
});
/** Result of POST /mailboxes/:id/test; a part is absent when the mailbox has no such account. */
export const mailboxTestResultSchema = z.object({
  ok: z.boolean(),
  imap: mailConnectionCheckSchema
    .extend({
      folders: z.array(z.string()).optional(),
      /** Messages in the configured folder. */
      messages: z.number().int().optional(),
    })
    .optional(),
  smtp: mailConnectionCheckSchema.optional(),
});
export type MailboxTestResult = z.infer<typeof mailboxTestResultSchema>;

export const emailDeliveryStates = ['received', 'queued', 'sent', 'failed'] as const;
export const emailDeliveryStateSchema = z.enum(emailDeliveryStates);
export type EmailDeliveryState = z.infer<typeof emailDeliveryStateSchema>;

export const emailAddressSchema = z.object({ address: z.string(), name: z.string().nullable() });
export type EmailAddress = z.infer<typeof emailAddressSchema>;

/** The email side of a ticket message (null for messages that did not travel by email). */
export const emailMetaSchema = z.object({
  direction: z.enum(['in', 'out']),
  mailboxId: idSchema.nullable(),
  from: emailAddressSchema.nullable(),
  to: z.array(emailAddressSchema),
  cc: z.array(emailAddressSchema),
  subject: z.string(),
  messageId: z.string().nullable(),
  deliveryState: emailDeliveryStateSchema,
  deliveryError: z.string().nullable(),
  /** The sender is not a participant of the ticket the message pointed to: staff review it. */
  flagged: z.boolean(),
  /** Download of the original .eml (message/rfc822). */
  rawUrl: z.string().nullable(),
});
export type EmailMeta = z.infer<typeof emailMetaSchema>;
