import { z } from 'zod';

/** Stable error codes: clients switch on these, never on messages. Each maps to one HTTP status. */
export const errorStatus = {
  validation_failed: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  /** Portal sign-up is by invitation only. */
  signup_disabled: 403,
  /** A portal account whose address is not yet verified; the verification mail can be sent again. */
  email_not_verified: 403,
  /** Sign-in links are turned off by the admin. */
  login_link_disabled: 403,
  /** A mailed link that is not (or no longer) one of ours. */
  token_invalid: 400,
  token_expired: 410,
  token_used: 410,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  already_exists: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

/** One offending field of a request, by its dotted path (`emails.0`, `body.name`). */
export const fieldErrorSchema = z.object({
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** RFC 9457 problem details, with Kefu's stable `code`. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.enum(errorCodes),
  detail: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
  retryAfterSeconds: z.number().int().optional(),
  /** On a conflict (409) or a stale write (412): the record as it is now, so the client can show it. */
  current: z.unknown().optional(),
});
export type Problem = z.infer<typeof problemSchema>;
