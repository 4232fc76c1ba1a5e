import { describe, expect, it } from 'vitest';
import { AppError } from '../chat/errors.js';
import { toApiError } from './errors.js';

describe('errors as the API answers them', () => {
  it('says a database away for the moment is a 503 to retry, not a bug', () => {
    for (const e of [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), new Error('Connection terminated unexpectedly')]) {
      expect(toApiError(e)).toMatchObject({ status: 503, code: 'ERR_NOT_READY', details: { retryAfterSeconds: 2 } });
    }
  });

  it('keeps a bug a 500 without its message, and an AppError as it is', () => {
    expect(toApiError(new TypeError('x is undefined'))).toEqual({ status: 500, code: 'ERR_INTERNAL', message: 'internal error; it has been logged' });
    expect(toApiError(new AppError('ERR_NOT_FOUND', 'no such thing'))).toMatchObject({ status: 404, code: 'ERR_NOT_FOUND' });
  });
});
