// pino options: no customer text, tokens, cookies or passwords in the logs.
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import { redact } from '../engine/privacy/redact.js';

/** Query values that are plain numbers or short words, safe to log as they are. */
const SAFE_QUERY = new Set(['after', 'limit', 'lang', 'since', 'page']);
const SAFE_VALUE = /^(?:\d{1,20}|[a-z-]{1,12})$/;

/**
 * The URL as logged: the path through the redactor, every query value hidden unless it is a
 * number or short word under a known key. The help page's no-JavaScript form sends the customer's
 * text as `?feilmelding=…`, and WebSocket URLs carry the conversation token.
 */
export const scrubUrl = (url: string): string => {
  const q = url.indexOf('?');
  const raw = q < 0 ? url : url.slice(0, q);
  // Each segment read as the person wrote it ("%20" a space), so the redactor sees the words
  // around a secret, and a secret ends where its segment does.
  const path = raw
    .split('/')
    .map((segment) => redact(decodedPath(segment)).text)
    .join('/');
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const [key = '', value] = pair.split('=', 2);
      const safeKey = /^[A-Za-z_-]{1,20}$/.test(key) ? key : '[key]';
      if (value === undefined) return safeKey;
      return `${safeKey}=${SAFE_QUERY.has(key) && SAFE_VALUE.test(value) ? value : '[redacted]'}`;
    })
    .join('&');
  return `${path}?${query}`;
};

export function loggerOptions(level: string): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        '*.text',
        '*.message.text',
        '*.email',
        '*.phone',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: scrubUrl(req.url), ip: req.ip }),
    },
  };
}

/** What the access line holds: nothing but these, each already safe to write. */
interface AccessEntry {
  reqId: string;
  req: { method: string; url: string; ip?: string };
  statusCode: number;
  responseTime: number;
}

/**
 * The one line per request, through a child of `log` without the redaction paths: every field
 * is one we chose, and the URL goes through the `req` serializer (scrubUrl), so the paths have
 * nothing to find. Passing the line through them anyway copied and walked each field on every
 * request (the pino redactor parses its paths on each call) — the largest allocation per
 * request after the database's.
 */
export function accessLogger(log: FastifyBaseLogger): (entry: AccessEntry) => void {
  const access = log.child({}, { redact: [] });
  return ({ reqId, req, statusCode, responseTime }) => access.info({ reqId, req, res: { statusCode }, responseTime }, 'request completed');
}

function decodedPath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
