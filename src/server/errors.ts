// Turns every error into the catalogue's JSON shape `{error: {code, message}}`; only a real bug
// answers 500, and its message is not shown.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, errorCatalogue, type ErrorCode } from '../chat/errors.js';

export interface ApiError {
  status: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}

function fromZod(e: z.ZodError, where: string): ApiError {
  const issues = e.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  const tooLong = e.issues.find((i) => i.code === 'too_big' && i.origin === 'string' && i.path.at(-1) === 'text');
  const code: ErrorCode = tooLong ? 'ERR_MESSAGE_TOO_LONG' : 'ERR_VALIDATION';
  return { status: errorCatalogue[code], code, message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), details: issues };
}

const byFastifyCode: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'ERR_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'ERR_VALIDATION',
  FST_ERR_CTP_INVALID_JSON_BODY: 'ERR_VALIDATION',
  FST_ERR_NOT_FOUND: 'ERR_NOT_FOUND',
  FST_ERR_BAD_URL: 'ERR_VALIDATION',
  FST_ERR_MAX_PARAM_LENGTH: 'ERR_VALIDATION',
};

/** The database (or Redis) is away for the moment: a restart, a failover. Not a bug: 503, retry. */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'SQLITE_BUSY']);
const isUnavailable = (e: unknown): boolean => {
  const x = e as { code?: unknown; message?: unknown } | null;
  return (typeof x?.code === 'string' && UNAVAILABLE.has(x.code)) || (typeof x?.message === 'string' && /Connection terminated|connection timeout|Connection is closed/i.test(x.message));
};

export function toApiError(error: unknown): ApiError {
  if (isUnavailable(error)) return { status: 503, code: 'ERR_NOT_READY', message: 'the service is reconnecting to its database; try again in a moment', details: { retryAfterSeconds: 2 } };
  if (error instanceof AppError) return { status: error.status, code: error.code, message: error.message, details: error.details };
  if (error instanceof z.ZodError) {
    const where = (error as z.ZodError & { validationContext?: string }).validationContext ?? 'input';
    return fromZod(error, where);
  }
  const fe = error as Partial<FastifyError>;
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const known = fe.code ? byFastifyCode[fe.code] : undefined;
    const code: ErrorCode = known ?? (status === 404 ? 'ERR_NOT_FOUND' : status === 429 ? 'ERR_RATE_LIMITED' : 'ERR_VALIDATION');
    // JSON syntax errors arrive as a plain SyntaxError with statusCode 400.
    return { status, code, message: fe.message ?? 'bad request' };
  }
  return { status: 500, code: 'ERR_INTERNAL', message: 'internal error; it has been logged' };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const api = toApiError(error);
  if (api.status === 503) request.log.warn({ code: api.code }, 'database unavailable');
  else if (api.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: api.code, status: api.status }, 'request refused');
  const retry = (api.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if ((api.status === 429 || api.status === 503) && typeof retry === 'number' && !reply.hasHeader('retry-after')) void reply.header('retry-after', String(retry));
  void reply.status(api.status).send({ error: { code: api.code, message: api.message, ...(api.details ? { details: api.details } : {}) } });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send({ error: { code: 'ERR_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
}

/** The error body, for the OpenAPI document. */
export const errorBody = z.object({
  error: z.object({ code: z.enum(Object.keys(errorCatalogue) as [ErrorCode, ...ErrorCode[]]), message: z.string(), details: z.unknown().optional() }),
});

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' };

/**
 * A request Node's HTTP parser refused before Fastify saw it: answered in the documented shape
 * where the socket can still take it, then closed.
 */
export function clientError(err: Error & { code?: string }, socket: import('node:net').Socket): void {
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const code: ErrorCode = status === 431 ? 'ERR_PAYLOAD_TOO_LARGE' : 'ERR_VALIDATION';
  const message = status === 431 ? 'the request headers are too large' : status === 408 ? 'the request took too long' : 'the request is not valid HTTP';
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${REASONS[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  } else socket.destroy(err);
}
