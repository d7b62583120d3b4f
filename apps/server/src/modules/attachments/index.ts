export { attachmentsRoutes } from './attachments.routes.js';
export { attachmentsOfMessages, linkAttachments, presentAttachment, type AttachmentDto } from './attachments.service.js';
export { attachments } from './attachments.tables.js';
