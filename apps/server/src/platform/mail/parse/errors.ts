export interface ParseLimits {
  /** Largest raw message accepted, in bytes. */
  maxBytes: number;
  /** Most MIME parts in one message. */
  maxParts: number;
  /** Deepest nesting of multipart and message/rfc822 parts. */
  maxDepth: number;
  /** Largest header block of one MIME part, in bytes. */
  maxHeaderBytes: number;
}

export const defaultParseLimits: ParseLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxParts: 10_000,
  maxDepth: 20,
  // Real header blocks stay far below this even with long Received/DKIM chains; a 1 MB line is hostile.
  maxHeaderBytes: 256 * 1024,
};

/** The message is larger than `maxBytes`; an SMTP listener answers 552. */
export class MailTooLargeError extends Error {
  readonly limit = 'maxBytes' as const;
  constructor(
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`message is ${size} bytes, over the maxBytes limit of ${maxBytes} bytes`);
    this.name = 'MailTooLargeError';
  }
}

/** The message crosses a structural limit (parts, depth, header size) or cannot be read as MIME at all. */
export class MailMalformedError extends Error {
  constructor(
    message: string,
    /** The limit crossed (`maxParts`, `maxDepth`, `maxHeaderBytes`) or `mime` for a structural failure. */
    readonly limit: keyof ParseLimits | 'mime',
  ) {
    super(message);
    this.name = 'MailMalformedError';
  }
}
