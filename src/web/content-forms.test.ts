// The content editor's forms (src/web/client/agent/content/forms.ts): an item's fields become the
// inputs' texts and back into the edit the service takes, and the service's field names find the
// input that shows their problem.
import { describe, expect, it } from 'vitest';
import { editOf, fieldKey, valuesOf } from './client/agent/content/forms.js';

const topic = {
  title: 'Gløymt passord',
  category: 'Passord',
  phrasings: { nn: ['eg har gløymt passordet', 'nytt passord'], nb: ['glemt passord'], en: [] },
  keywords: ['passord', 'gløymt'],
  related: ['password-under-18'],
  answer: 'Gjer slik:\n\n1. Opne appen.',
  status: 'approved' as const,
};

describe('the content editor’s forms', () => {
  it('a topic’s fields make the same topic again, one phrasing a line and keywords by commas', () => {
    const { values } = valuesOf('topic', topic);
    expect(values['phrasings-nn']).toBe('eg har gløymt passordet\nnytt passord');
    expect(values['keywords']).toBe('passord, gløymt');
    const edit = editOf('topic', 'forgot-password', { ...values, 'phrasings-en': '  \nI forgot my password\n' }, []);
    expect(edit).toEqual({ type: 'topic', id: 'forgot-password', title: topic.title, category: topic.category, phrasings: { ...topic.phrasings, en: ['I forgot my password'] }, keywords: topic.keywords, related: topic.related, answer: topic.answer });
  });

  it('an error code’s codes are read as the customer writes them', () => {
    const edit = editOf('error-code', 'bid-14b1', { codes: 'BID-14b1, 2030', meaning: ' Tidsavbrot ', solution: 'Prøv igjen.', keywords: '' }, []);
    expect(edit).toMatchObject({ codes: ['14B1', '2030'], meaning: 'Tidsavbrot', keywords: [] });
  });

  it('the bank’s special days keep a note only when there is one', () => {
    const edit = editOf('bank', 'bank', { phone: '57 82 97 00', openingHours: 'mon-fri 07:00-22:00' }, [{ date: '2026-12-24', hours: 'closed', note: ' ' }]);
    expect(edit).toEqual({ type: 'bank', phone: '57 82 97 00', openingHours: 'mon-fri 07:00-22:00', specialDays: [{ date: '2026-12-24', hours: 'closed' }] });
  });

  it('finds the input for the service’s field names', () => {
    const texts = { 'texts-greeting': 'Hei' };
    expect(fieldKey('topic', 'phrasings.nn.2', {})).toBe('phrasings-nn');
    expect(fieldKey('topic', 'edit.title', {})).toBe('title');
    expect(fieldKey('topic', 'front matter', {})).toBeNull();
    expect(fieldKey('error-code', '3.codes.0', {})).toBe('codes');
    expect(fieldKey('error-code', 'meaning', {})).toBe('meaning');
    expect(fieldKey('messages', 'texts.greeting', texts)).toBe('texts-greeting');
    expect(fieldKey('messages', 'greeting', texts)).toBe('texts-greeting');
    expect(fieldKey('messages', 'texts.nothing', texts)).toBeNull();
    expect(fieldKey('bank', 'phone', {})).toBe('phone');
    expect(fieldKey('bank', 'specialDays.1.hours', {})).toBe('specialDays-1-hours');
    expect(fieldKey('file', '', {})).toBeNull();
  });
});
