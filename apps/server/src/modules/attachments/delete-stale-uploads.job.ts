/*
 * Uploads never attached to a message (a reply abandoned after choosing a file) are deleted once
 * they are KEFU_UPLOAD_TTL_HOURS old: the row, and the blob unless another row still points at the
 * same bytes (blobs are shared by content). A sweep on the worker role: the state is the rows
 * themselves, so a restart loses nothing, and each row is taken FOR UPDATE SKIP LOCKED, so several
 * instances share the work and never handle the same upload twice.
 */
import type { AppDeps } from '../../platform/context.js';
import type { BlobStore } from '../../platform/storage/index.js';
import * as repo from './attachments.repository.js';

export const DELETE_STALE_UPLOADS = 'delete-stale-uploads';
/** Stale uploads wait at most this long past their time; deleting them is never urgent. */
const SWEEP_EVERY_MS = 15 * 60_000;
/** Rows one pass takes; the sweep runs again at once while passes delete something. */
const BATCH = 100;

export function defineAttachmentJobs(deps: AppDeps, blobs: BlobStore) {
  deps.jobs.defineSweep(DELETE_STALE_UPLOADS, SWEEP_EVERY_MS, () => deleteStaleUploads(deps, blobs));
}

/** Deletes one pass of stale uploads; returns how many rows it deleted. */
export async function deleteStaleUploads(deps: AppDeps, blobs: BlobStore): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - deps.config.uploadTtlHours * 3_600_000);
  let rows = 0;
  let blobsDeleted = 0;
  let failure: unknown;
  for (const upload of await repo.staleUploads(deps.db, cutoff, BATCH)) {
    try {
      const outcome = await deps.db.transaction(async (tx) => {
        await repo.lockBlob(tx, upload.sha256);
        if (!(await repo.lockStaleUpload(tx, upload.id, cutoff))) return 'skipped';
        await repo.deleteAttachment(tx, upload.id);
        if (await repo.isBlobReferenced(tx, upload.sha256)) return 'row';
        // Inside the transaction, under the blob's lock: if the storage refuses, the row stays and
        // the next pass tries again; an upload of the same bytes being recorded waits for this.
        await blobs.delete(upload.sha256);
        return 'blob';
      });
      if (outcome !== 'skipped') rows++;
      if (outcome === 'blob') blobsDeleted++;
    } catch (err) {
      deps.log.warn({ err, attachmentId: upload.id }, 'could not delete a stale upload');
      failure ??= err;
    }
  }
  if (rows > 0) deps.log.info({ rows, blobs: blobsDeleted }, 'stale uploads deleted');
  // A pass that achieved nothing but errors fails, so the worker logs it and waits before retrying.
  if (rows === 0 && failure) throw failure;
  return rows;
}
