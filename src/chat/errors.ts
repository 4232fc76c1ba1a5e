// One error class and one catalogue of stable codes. The widget and the advisor console switch on
// `code`; `status` is the HTTP status the server answers with.

export const errorCatalogue = {
  ERR_VALIDATION: 400,
  ERR_MESSAGE_TOO_LONG: 400,
  ERR_OPENING_HOURS: 400,
  ERR_UNAUTHORIZED: 401,
  ERR_BAD_CREDENTIALS: 401,
  ERR_FORBIDDEN: 403,
  /** The action needs the customer logged in with BankID (again, if the login has ended). */
  ERR_LOGIN_REQUIRED: 403,
  /** Logging in is not set up on this installation (no OIDC provider, or no approved actions). */
  ERR_LOGIN_UNAVAILABLE: 404,
  ERR_NOT_FOUND: 404,
  ERR_INVALID_TRANSITION: 409,
  ERR_CONVERSATION_CLOSED: 409,
  ERR_NOT_YOUR_CONVERSATION: 409,
  ERR_EMAIL_TAKEN: 409,
  /** The same order was placed recently: confirm again to order once more. */
  ERR_CONFIRM_AGAIN: 409,
  /** Asked and answered once already (satisfaction after a conversation). */
  ERR_ALREADY_ANSWERED: 409,
  /** The action cannot be done for this customer here (no address on file): an advisor can help. */
  ERR_ACTION_UNAVAILABLE: 409,
  /** A content change would make an invalid pack: details name the file, the field and the problem. */
  ERR_CONTENT_INVALID: 400,
  /** Someone else has an open draft of the same file. */
  ERR_DRAFT_HELD: 409,
  /** Approving needs a second person. */
  ERR_OWN_DRAFT: 403,
  /** Approving needs the quality check of this very draft first. */
  ERR_QUALITY_PENDING: 409,
  /** The change takes an evaluation set below its floor: approving needs a reason. */
  ERR_QUALITY_FLOOR: 409,
  /** The file was published again since the draft was made. */
  ERR_STALE: 409,
  ERR_PAYLOAD_TOO_LARGE: 413,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  ERR_UPGRADE_REQUIRED: 426,
  ERR_RATE_LIMITED: 429,
  ERR_INTERNAL: 500,
  ERR_NOT_READY: 503,
  /** A system we depend on (the identity provider, the bank's customer data) did not answer. */
  ERR_UPSTREAM: 502,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorCatalogue[code];
  }
}
