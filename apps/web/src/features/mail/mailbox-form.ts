import {
  createMailboxBodySchema, defaultAutoReplyTemplates, mailLimits,
  type AutoReply, type CreateMailboxBody, type Mailbox, type UnknownSenderPolicy, type UpdateMailboxBody,
} from '@kefu/contracts';

export type SmtpMode = 'global' | 'own';

interface PasswordValues {
  /** Typed by the admin; empty keeps what is stored (passwords are write-only). */
  password?: string;
  /** Removes the stored password (an account that needs none). */
  clearPassword?: boolean;
}

export interface ImapValues extends PasswordValues {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  folder: string;
  pollIntervalSeconds: number;
}

export interface SmtpValues extends PasswordValues {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  from: string;
}

/** The editor's shape: IMAP and outgoing SMTP behind on/off choices, so switching off keeps what was typed. */
export interface MailboxFormValues {
  name: string;
  address: string;
  active: boolean;
  isDefault: boolean;
  useImap: boolean;
  imap: ImapValues;
  smtpMode: SmtpMode;
  smtp: SmtpValues;
  autoReply: AutoReply;
  unknownSenderPolicy: UnknownSenderPolicy;
  teamId?: string | null;
}

/** The contract's own field schemas, so the form rejects exactly what the server rejects. */
export const mailboxShape = createMailboxBodySchema.shape;
export const imapShape = mailboxShape.imap.unwrap().unwrap().shape;
export const smtpShape = mailboxShape.smtp.unwrap().unwrap().shape;

const emptyImap: ImapValues = { host: '', port: 993, tls: true, user: '', folder: 'INBOX', pollIntervalSeconds: mailLimits.pollIntervalSeconds.default };
const emptySmtp: SmtpValues = { host: '', port: 587, secure: false, user: '', from: '' };

export function emptyMailboxValues(): MailboxFormValues {
  return {
    name: '',
    address: '',
    active: true,
    isDefault: false,
    useImap: false,
    imap: { ...emptyImap },
    smtpMode: 'global',
    smtp: { ...emptySmtp },
    autoReply: { enabled: false, templates: structuredClone(defaultAutoReplyTemplates) },
    unknownSenderPolicy: 'new_ticket',
    teamId: null,
  };
}

export function mailboxToValues(m: Mailbox): MailboxFormValues {
  return {
    name: m.name,
    address: m.address,
    active: m.active,
    isDefault: m.isDefault,
    useImap: m.imap !== null,
    imap: m.imap
      ? { host: m.imap.host, port: m.imap.port, tls: m.imap.tls, user: m.imap.user, folder: m.imap.folder, pollIntervalSeconds: m.imap.pollIntervalSeconds }
      : { ...emptyImap },
    smtpMode: m.smtp ? 'own' : 'global',
    smtp: m.smtp ? { host: m.smtp.host, port: m.smtp.port, secure: m.smtp.secure, user: m.smtp.user ?? '', from: m.smtp.from ?? '' } : { ...emptySmtp },
    autoReply: structuredClone(m.autoReply),
    unknownSenderPolicy: m.unknownSenderPolicy,
    teamId: m.teamId,
  };
}

// Omitted keeps the stored password, null clears it, a string replaces it.
function passwordPart(v: PasswordValues): { password?: string | null } {
  if (v.password) return { password: v.password };
  return v.clearPassword ? { password: null } : {};
}

// A cleared number box gives null: leave the field out so the server's default (993, 587, 60 s) applies.
function optionalNumber<K extends string>(key: K, value: number | null | undefined): Partial<Record<K, number>> {
  return typeof value === 'number' ? ({ [key]: value } as Record<K, number>) : {};
}

function commonBody(v: MailboxFormValues) {
  const imap = v.useImap
    ? {
      host: v.imap.host, tls: v.imap.tls, user: v.imap.user, folder: v.imap.folder,
      ...optionalNumber('port', v.imap.port), ...optionalNumber('pollIntervalSeconds', v.imap.pollIntervalSeconds), ...passwordPart(v.imap),
    }
    : null;
  const smtp = v.smtpMode === 'own'
    ? { host: v.smtp.host, secure: v.smtp.secure, user: v.smtp.user.trim() || null, from: v.smtp.from.trim() || null, ...optionalNumber('port', v.smtp.port), ...passwordPart(v.smtp) }
    : null;
  return {
    name: v.name,
    address: v.address,
    active: v.active,
    imap,
    smtp,
    autoReply: v.autoReply,
    unknownSenderPolicy: v.unknownSenderPolicy,
    teamId: v.teamId ?? null,
  };
}

export function valuesToCreateBody(v: MailboxFormValues): CreateMailboxBody {
  return { ...commonBody(v), isDefault: v.isDefault };
}

/** An update can only make a mailbox the default: another one becoming default is what demotes it. */
export function valuesToUpdateBody(v: MailboxFormValues, existing: Mailbox): UpdateMailboxBody {
  return { ...commonBody(v), ...(v.isDefault && !existing.isDefault ? { isDefault: true as const } : {}) };
}

const topFields = new Set(['name', 'address', 'active', 'isDefault', 'unknownSenderPolicy', 'teamId']);

/** Where a server field error (`imap.host`, `autoReply.templates.en.subject`) belongs in the form; undefined = a banner. */
export function formPathOf(field: string): (string | number)[] | undefined {
  const path = field.split('.').filter((p) => p !== 'body');
  const [top, second] = path;
  if (!top) return undefined;
  if (topFields.has(top) && path.length === 1) return [top];
  if ((top === 'imap' || top === 'smtp') && second) return [top, second];
  if (top === 'autoReply' && path.length >= 2) return path;
  return undefined;
}
