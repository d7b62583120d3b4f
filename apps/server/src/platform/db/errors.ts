/** PostgreSQL's unique_violation (23505), as raised by both drivers; optionally for one index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = findPgError(err);
  return e?.code === '23505' && (!constraint || e.constraint === constraint || (e.message ?? '').includes(constraint));
}

/** A row still referenced or a reference to nothing: 23503, or 23001 for ON DELETE RESTRICT. */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = findPgError(err)?.code;
  return code === '23503' || code === '23001';
}

/**
 * A value PostgreSQL refuses to store: a NUL byte (22021), an unconvertible character (22P05), a
 * date outside its range (22008). Validation should catch these first; this keeps a miss a 400.
 */
export function isUnstorableValue(err: unknown): boolean {
  const code = findPgError(err)?.code;
  return code === '22021' || code === '22P05' || code === '22008';
}

/** Drizzle wraps driver errors; the SQLSTATE sits on the error or its cause. */
function findPgError(err: unknown): { code?: string; constraint?: string; message?: string } | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const e = cur as { code?: unknown; constraint?: string; message?: string; cause?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e as { code: string };
    cur = e.cause;
  }
  return undefined;
}

/**
 * Runs `work`, turning a unique violation of `index` into `toError()`. A service checks first for a
 * friendly message; this catches the writer that lost a race past the check.
 */
export async function uniqueOr<T>(index: string, toError: () => Error, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err, index)) throw toError();
    throw err;
  }
}
