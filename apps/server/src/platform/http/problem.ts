import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorStatus, type ErrorCode, type FieldError, type Problem } from '@kefu/contracts';
import { isUnstorableValue } from '../db/errors.js';
import { AppError } from './app-error.js';

const titles: Record<ErrorCode, string> = {
  validation_failed: 'Invalid request',
  malformed_json: 'Malformed JSON',
  unsupported_media_type: 'Unsupported media type',
  unauthenticated: 'Not signed in',
  invalid_credentials: 'Invalid credentials',
  forbidden: 'Forbidden',
  signup_disabled: 'Sign-up by invitation only',
  email_not_verified: 'Email address not verified',
  login_link_disabled: 'Sign-in links are turned off',
  token_invalid: 'Invalid link',
  token_expired: 'Link expired',
  token_used: 'Link already used',
  not_found: 'Not found',
  route_not_found: 'No such route',
  conflict: 'Conflict',
  already_exists: 'Already exists',
  precondition_failed: 'Precondition failed',
  payload_too_large: 'Payload too large',
  too_many_requests: 'Too many requests',
  internal: 'Internal error',
  unavailable: 'Service unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extra: { errors?: FieldError[]; retryAfterSeconds?: number; current?: unknown } = {},
) {
  const status = errorStatus[code];
  const body: Problem = {
    type: `https://kefu.dev/problems/${code.replace(/_/g, '-')}`,
    title: titles[code],
    status,
    code,
    detail,
    ...extra,
  };
  if (extra.retryAfterSeconds !== undefined) reply.header('retry-after', String(extra.retryAfterSeconds));
  return reply.status(status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

/** fastify-type-provider-zod's rendering of a zod issue. */
interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { keys?: string[] };
}

/** Turns the schema validator's issues into `{field, message}` pairs naming the offending field. */
function fieldErrors(validation: ValidationIssue[], context: string | undefined): FieldError[] {
  const out: FieldError[] = [];
  for (const v of validation) {
    const base = (v.instancePath ?? '').split('/').filter(Boolean);
    if (v.keyword === 'unrecognized_keys' && v.params?.keys?.length) {
      for (const key of v.params.keys) out.push({ field: [...base, key].join('.'), message: 'is not a known field' });
      continue;
    }
    out.push({ field: base.length ? base.join('.') : (context ?? 'body'), message: v.message ?? 'is invalid' });
  }
  return out;
}

/** Every error leaves as application/problem+json with a stable code; stacks stay in the log. */
export function registerProblemHandlers(app: FastifyInstance) {
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 'route_not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      for (const [k, v] of Object.entries(error.extra.headers ?? {})) reply.header(k, v);
      return sendProblem(reply, error.code, error.message, {
        ...(error.extra.errors ? { errors: error.extra.errors } : {}),
        ...(error.extra.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.extra.retryAfterSeconds } : {}),
        ...(error.extra.current !== undefined ? { current: error.extra.current } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = fieldErrors(error.validation as ValidationIssue[], error.validationContext);
      const where = error.validationContext ?? 'request';
      return sendProblem(reply, 'validation_failed', `Invalid ${where}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, { errors });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return sendProblem(reply, 'internal', 'The server could not complete the request');
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, 'payload_too_large', error.message);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(reply, 'unsupported_media_type', error.message);
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendProblem(reply, 'malformed_json', 'The request body is not valid JSON');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(reply, 'validation_failed', error.message);
    }
    if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
      return sendProblem(reply, 'malformed_json', 'The request body is not valid JSON');
    }
    if (error.statusCode === 429) return sendProblem(reply, 'too_many_requests', error.message);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, 'validation_failed', error.message);
    }
    if (isUnstorableValue(error)) {
      request.log.warn({ err: error }, 'input the database cannot store reached it unvalidated');
      return sendProblem(reply, 'validation_failed', 'The request contains a value that cannot be stored');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 'internal', 'The server could not complete the request');
  });
}
