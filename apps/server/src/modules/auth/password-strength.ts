import { invalidField } from '../../platform/http/app-error.js';

/**
 * Length alone (10+, checked by the schema) lets through the passwords attackers try first. These
 * are refused too: the most common ones, one character repeated, a keyboard or digit run, or the
 * person's own address or name.
 */
const common = new Set([
  '1234567890', '12345678910', '0123456789', '0987654321', '1111111111', '123456789a', 'a123456789', '1q2w3e4r5t',
  'qwertyuiop', 'asdfghjkl;', 'zxcvbnm123', 'password12', 'password123', 'password1234', 'passw0rd12', 'iloveyou12',
  'abcdefghij', 'abcd123456', 'abc1234567', 'qwerty1234', 'qwerty12345', 'woaini1314', 'woaini520', '5201314520',
  'aaaaaaaaaa', 'admin12345', 'administrator', 'letmein123', 'welcome123', 'changeme123', 'kefu123456',
]);

const runs = ['0123456789', '9876543210', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

export function weakPasswordReason(password: string, email: string, name: string): string | null {
  const p = password.toLowerCase();
  if (common.has(p)) return 'is one of the most common passwords';
  if (new Set(p).size <= 2) return 'repeats too few characters';
  if (runs.some((r) => r.includes(p) || (p.length >= 10 && (r + r).includes(p)))) return 'is a keyboard or alphabet sequence';
  const local = email.split('@')[0]!.toLowerCase();
  if (local.length >= 4 && p.includes(local)) return 'must not contain your email address';
  const compactName = name.toLowerCase().replace(/\s+/g, '');
  if (compactName.length >= 4 && p.replace(/\s+/g, '') === compactName) return 'must not be your name';
  return null;
}

export function assertStrongPassword(password: string, email: string, name: string, field = 'password') {
  const reason = weakPasswordReason(password, email, name);
  if (reason) throw invalidField(field, reason);
}
