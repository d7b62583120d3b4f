export { attachmentsRoutes } from './attachments.routes.js';
export { attachmentsOfMessages, linkAttachments, presentAttachment, type AttachmentDto } from './attachments.service.js';
export { attachments } from './attachments.tables.js';
export { defineAttachmentJobs, deleteStaleUploads, DELETE_STALE_UPLOADS } from './delete-stale-uploads.job.js';
