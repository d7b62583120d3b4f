export { attachmentsRoutes } from './attachments.routes.js';
export { attachmentsOfMessages, holdStoredBlob, linkAttachments, presentAttachment, storeUpload, type AttachmentDto, type StoredUpload } from './attachments.service.js';
// The knowledge base stores its documents with the same detection and serving rules.
export { servingOf } from './content-type.js';
export { contentDisposition } from './filenames.js';
export { attachments } from './attachments.tables.js';
export { lockBlobs } from './attachments.repository.js';
export { defineAttachmentJobs, deleteStaleUploads, DELETE_STALE_UPLOADS } from './delete-stale-uploads.job.js';
export { detectContentType, SNIFF_BYTES } from './content-type.js';
export { cleanFilename } from './filenames.js';
