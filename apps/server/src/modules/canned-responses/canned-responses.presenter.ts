import type { CannedResponse } from '@kefu/contracts';
import type { Actor } from '../auth/index.js';
import { canChange } from './canned-responses.policy.js';
import type { CannedResponseRow } from './canned-responses.repository.js';

export const presentCannedResponse = (actor: Actor, r: CannedResponseRow): CannedResponse => ({
  id: r.id,
  title: r.title,
  body: r.body,
  text: r.bodyText,
  category: r.category,
  scope: r.scope,
  shortcut: r.shortcut,
  locale: r.locale,
  usageCount: r.usageCount,
  ownerId: r.ownerId,
  ownerName: r.ownerName,
  editable: canChange(actor, r),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** What the audit log keeps of a canned response: its content and who it belongs to. */
export const snapshotCannedResponse = (r: CannedResponseRow | Omit<CannedResponseRow, 'ownerName'>) => ({
  title: r.title,
  body: r.body,
  category: r.category,
  scope: r.scope,
  shortcut: r.shortcut,
  locale: r.locale,
  ownerId: r.ownerId,
});
