// pino options: no customer text, tokens, cookies or passwords in the logs.
import type { FastifyServerOptions } from 'fastify';

/** Hides `token=` in query strings (WebSocket URLs carry the conversation token there). */
export const scrubUrl = (url: string) => url.replace(/([?&]token=)[^&]*/gi, '$1[redacted]');

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
