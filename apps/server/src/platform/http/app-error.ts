import { errorStatus, type ErrorCode, type FieldError } from '@kefu/contracts';

/** The one error type services throw; mapped once to an HTTP status and a problem+json body. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { errors?: FieldError[]; retryAfterSeconds?: number; headers?: Record<string, string>; current?: unknown } = {},
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
export const fieldConflict = (field: string, message: string) =>
  new AppError('already_exists', message, { errors: [{ field, message }] });
export const invalidField = (field: string, message: string) =>
  new AppError('validation_failed', `${field}: ${message}`, { errors: [{ field, message }] });
