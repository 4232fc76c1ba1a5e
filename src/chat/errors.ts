// One error class and one catalogue of stable codes. The widget and the advisor console switch on
// `code`; `status` is the HTTP status the server answers with.

export const errorCatalogue = {
  ERR_VALIDATION: 400,
  ERR_MESSAGE_TOO_LONG: 400,
  ERR_OPENING_HOURS: 400,
  ERR_UNAUTHORIZED: 401,
  ERR_BAD_CREDENTIALS: 401,
  ERR_FORBIDDEN: 403,
  ERR_NOT_FOUND: 404,
  ERR_INVALID_TRANSITION: 409,
  ERR_CONVERSATION_CLOSED: 409,
  ERR_NOT_YOUR_CONVERSATION: 409,
  ERR_EMAIL_TAKEN: 409,
  ERR_PAYLOAD_TOO_LARGE: 413,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  ERR_UPGRADE_REQUIRED: 426,
  ERR_RATE_LIMITED: 429,
  ERR_INTERNAL: 500,
  ERR_NOT_READY: 503,
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
