import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { accessLogger, loggerOptions, scrubUrl } from './logger.js';

describe('logger', () => {
  it('hides the conversation token in URLs', () => {
    expect(scrubUrl('/api/conversations/abc/ws?token=s3cret&after=4')).toBe('/api/conversations/abc/ws?token=[redacted]&after=4');
    expect(scrubUrl('/x?after=1&TOKEN=s3cret')).toBe('/x?after=1&TOKEN=[redacted]');
  });

  it("hides the help page's no-JavaScript form text and anything else in a query", () => {
    expect(scrubUrl('/?feilmelding=fnr%2015068712375%20BID-14B1')).toBe('/?feilmelding=[redacted]');
    expect(scrubUrl('/?after=2147483648&lang=nn&x=1')).toBe('/?after=2147483648&lang=nn&x=[redacted]');
    expect(scrubUrl('/api/conversations/15068712375')).toBe('/api/conversations/[fødselsnummer]');
    expect(scrubUrl('/api/conversations/Hemmeleg123%20er%20passordet%20mitt/messages')).toBe('/api/conversations/[hemmeleg] er passordet mitt/messages');
    expect(scrubUrl('/?%3Cscript%3E=1&a')).toBe('/?[key]=[redacted]&a');
  });

  it('never writes tokens, cookies, passwords or customer text', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    const options = loggerOptions('info') as pino.LoggerOptions;
    const log = pino(options, sink);
    log.info({ req: { method: 'GET', url: '/api/conversations/1/ws?token=s3cret', ip: '127.0.0.1', headers: { authorization: 'Bearer s3cret' } } }, 'incoming');
    log.info({ body: { text: 'fnr 15068712375', password: 'hunter2hunter2', token: 'tok', email: 'kari@bank.no' } }, 'body');
    expect(out).toContain('incoming');
    for (const secret of ['s3cret', '15068712375', 'hunter2hunter2', '"tok"', 'kari@bank.no']) expect(out).not.toContain(secret);
  });

  it('writes the access line through the URL scrubber, and the parent keeps its redaction', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino(loggerOptions('info') as pino.LoggerOptions, sink);
    const access = accessLogger(log);
    access({ reqId: 'req-1', req: { method: 'GET', url: '/api/conversations/15068712375/ws?token=s3cret&after=4', ip: '127.0.0.1' }, statusCode: 200, responseTime: 1.5 });
    log.info({ body: { text: 'fnr 15068712375', password: 'hunter2hunter2' } }, 'after');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      reqId: 'req-1',
      req: { method: 'GET', url: '/api/conversations/[fødselsnummer]/ws?token=[redacted]&after=4', ip: '127.0.0.1' },
      res: { statusCode: 200 },
      responseTime: 1.5,
      msg: 'request completed',
    });
    expect(JSON.parse(lines[1]!)).toMatchObject({ body: { text: '[redacted]', password: '[redacted]' } });
    for (const secret of ['s3cret', '15068712375', 'hunter2hunter2']) expect(lines.join('')).not.toContain(secret);
  });
});
