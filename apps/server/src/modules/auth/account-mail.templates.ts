/*
 * Mail about a customer's or staff member's own account, in 简体中文 or English by the user's
 * language. Names come from users (a sign-up form), so they are escaped in HTML and kept to one
 * line; links are built here from the public URL and the token alone.
 */
import type { Locale } from '@kefu/contracts';

export const accountMailKinds = ['verify_email', 'account_exists', 'password_reset', 'login_link', 'invitation'] as const;
export type AccountMailKind = (typeof accountMailKinds)[number];

export interface AccountMailInput {
  kind: AccountMailKind;
  name: string;
  locale: Locale;
  /** The portal's name, or the product's when the admin set none. */
  siteName: string;
  baseUrl: string;
  /** The secret for the link; absent for account_exists. */
  token?: string;
}

export interface ComposedAccountMail {
  subject: string;
  text: string;
  html: string;
  link: string;
}

interface Wording {
  subject: (site: string) => string;
  intro: (site: string) => string;
  action: string;
  after: string;
}

const paths: Record<AccountMailKind, string> = {
  verify_email: '/verify',
  account_exists: '/login',
  password_reset: '/reset-password',
  login_link: '/login-link',
  invitation: '/accept-invitation',
};

const zh: Record<AccountMailKind, Wording> & { greeting: (n: string) => string; footer: string; forgot: string } = {
  verify_email: {
    subject: (s) => `[${s}] 请验证您的邮箱地址`,
    intro: (s) => `感谢您注册${s}客户服务中心。请点击下面的链接验证邮箱地址，验证后即可登录。`,
    action: '验证邮箱',
    after: '链接 48 小时内有效，只能使用一次。如果这不是您本人的操作，请忽略本邮件。',
  },
  account_exists: {
    subject: (s) => `[${s}] 有人尝试用您的邮箱注册`,
    intro: (s) => `刚才有人使用您的邮箱地址在${s}客户服务中心注册。您已经有账户了，无需再次注册，可以直接登录。`,
    action: '登录',
    after: '如果忘记了密码，可以在登录页点击“忘记密码”重新设置。如果这不是您本人的操作，请忽略本邮件，您的账户不受影响。',
  },
  password_reset: {
    subject: (s) => `[${s}] 重设密码`,
    intro: () => '我们收到了重设您账户密码的请求。请点击下面的链接设置新密码。',
    action: '设置新密码',
    after: '链接 1 小时内有效，只能使用一次；设置新密码后，您在其他设备上的登录会全部退出。如果这不是您本人的操作，请忽略本邮件，您的密码不会改变。',
  },
  login_link: {
    subject: (s) => `[${s}] 您的登录链接`,
    intro: (s) => `请点击下面的链接登录${s}客户服务中心，无需输入密码。`,
    action: '登录',
    after: '链接 15 分钟内有效，只能使用一次。如果这不是您本人的操作，请忽略本邮件。',
  },
  invitation: {
    subject: (s) => `[${s}] 邀请您使用客户服务中心`,
    intro: (s) => `${s}邀请您使用客户服务中心：在线提交和跟进服务请求、查阅知识库。请点击下面的链接设置密码，完成开通。`,
    action: '设置密码并开通',
    after: '链接 7 天内有效，只能使用一次。',
  },
  greeting: (n) => `${n}，您好：`,
  footer: '这是系统自动发送的邮件，请勿直接回复。',
  forgot: '忘记密码',
};

const en: typeof zh = {
  verify_email: {
    subject: (s) => `[${s}] Please verify your email address`,
    intro: (s) => `Thank you for signing up to the ${s} customer portal. Follow the link below to verify your email address; then you can sign in.`,
    action: 'Verify email address',
    after: 'The link works once and expires in 48 hours. If you did not sign up, ignore this mail.',
  },
  account_exists: {
    subject: (s) => `[${s}] Someone tried to sign up with your address`,
    intro: (s) => `Someone just tried to sign up to the ${s} customer portal with your email address. You already have an account, so there is nothing to sign up for: just sign in.`,
    action: 'Sign in',
    after: 'If you forgot your password, choose "Forgot password" on the sign-in page. If this was not you, ignore this mail; your account is unchanged.',
  },
  password_reset: {
    subject: (s) => `[${s}] Reset your password`,
    intro: () => 'We received a request to reset the password of your account. Follow the link below to choose a new one.',
    action: 'Choose a new password',
    after: 'The link works once and expires in 1 hour; setting a new password signs you out everywhere else. If you did not ask for this, ignore this mail and your password stays as it is.',
  },
  login_link: {
    subject: (s) => `[${s}] Your sign-in link`,
    intro: (s) => `Follow the link below to sign in to the ${s} customer portal without a password.`,
    action: 'Sign in',
    after: 'The link works once and expires in 15 minutes. If you did not ask for it, ignore this mail.',
  },
  invitation: {
    subject: (s) => `[${s}] You are invited to the customer portal`,
    intro: (s) => `${s} invites you to its customer portal, where you can submit and follow requests and read the knowledge base. Follow the link below to choose a password and open your account.`,
    action: 'Choose a password',
    after: 'The link works once and expires in 7 days.',
  },
  greeting: (n) => `Hello ${n},`,
  footer: 'This mail was sent automatically; please do not reply.',
  forgot: 'Forgot password',
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
const oneLine = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function composeAccountMail(input: AccountMailInput): ComposedAccountMail {
  const w = input.locale === 'en' ? en : zh;
  const words = w[input.kind];
  const site = oneLine(input.siteName, 100);
  const name = oneLine(input.name, 100);
  const base = input.baseUrl.replace(/\/+$/, '');
  const link = `${base}${paths[input.kind]}${input.token ? `?token=${encodeURIComponent(input.token)}` : ''}`;
  const forgot = `${base}/forgot-password`;
  const extra = input.kind === 'account_exists' ? [`${w.forgot}: ${forgot}`] : [];
  const text = [w.greeting(name), '', words.intro(site), '', `${words.action}: ${link}`, ...extra, '', words.after, '', '—', w.footer, ''].join('\n');
  const html =
    `<!doctype html><html><body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;font-size:14px;color:#1f1f1f;line-height:1.6">` +
    `<p>${escapeHtml(w.greeting(name))}</p><p>${escapeHtml(words.intro(site))}</p>` +
    `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:8px 18px;background:#1677ff;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(words.action)}</a></p>` +
    `<p style="color:#595959;font-size:12px;word-break:break-all">${escapeHtml(link)}</p>` +
    (input.kind === 'account_exists' ? `<p><a href="${escapeHtml(forgot)}">${escapeHtml(w.forgot)}</a></p>` : '') +
    `<p>${escapeHtml(words.after)}</p>` +
    `<hr style="border:none;border-top:1px solid #e5e5e5;margin:24px 0 12px"><p style="color:#8c8c8c;font-size:12px">${escapeHtml(w.footer)}</p></body></html>`;
  return { subject: words.subject(site), text, html, link };
}
