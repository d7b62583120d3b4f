import type { Problem } from '@kefu/contracts';
import { ApiError } from './client';

/**
 * Uploads one file as multipart/form-data (field `file`). The JSON client cannot send form data;
 * failures become the same ApiError as every other call.
 */
export async function uploadFile<T>(path: string, file: File, signal?: AbortSignal): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method: 'POST', body: form, credentials: 'same-origin', signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'unavailable' });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (body && typeof body === 'object' && 'code' in body && 'status' in body) throw new ApiError(body as Problem);
    throw new ApiError({ type: 'about:blank', title: response.statusText, status: response.status, code: response.status === 413 ? 'payload_too_large' : 'validation_failed' });
  }
  return body as T;
}
