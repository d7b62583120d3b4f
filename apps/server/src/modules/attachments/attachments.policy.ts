import { forbidden } from '../../platform/http/app-error.js';
import { isStaff, type Actor } from '../auth/index.js';
import type { AttachmentRow } from './attachments.repository.js';

/** Staff upload as themselves; a customer as their CRM record, like the messages they write. */
export function uploaderOf(actor: Actor): { uploadedByUserId: string | null; uploadedByCustomerId: string | null } {
  if (isStaff(actor)) return { uploadedByUserId: actor.userId, uploadedByCustomerId: null };
  if (!actor.customerId) throw forbidden('This account has no customer record to upload for');
  return { uploadedByUserId: null, uploadedByCustomerId: actor.customerId };
}

export function isUploader(actor: Actor, row: Pick<AttachmentRow, 'uploadedByUserId' | 'uploadedByCustomerId'>): boolean {
  if (isStaff(actor)) return row.uploadedByUserId !== null && row.uploadedByUserId === actor.userId;
  return actor.customerId !== null && row.uploadedByCustomerId === actor.customerId;
}

/** Internal notes, and so their files, are for staff only. */
export const mayReadMessageFiles = (actor: Actor, internal: boolean) => !internal || isStaff(actor);
