import type { Attachment } from '@kefu/contracts';
import { uploadFile } from '../../shared/api/upload';

export const uploadAttachment = (file: File, signal?: AbortSignal) => uploadFile<Attachment>('/attachments', file, signal);
export const attachmentUrl = (id: string) => `/api/v1/attachments/${encodeURIComponent(id)}`;
