// The editor's forms as plain values: an item's fields as the inputs' texts, the inputs' texts as
// the edit the service takes, and the service's name of a field ("phrasings.nn.2", "texts.greeting",
// "specialDays.1.date") as the input that shows it. Pure, so it is tested without a page.
import type { BankFields, ContentEdit, ContentItemKind, ContentItemResult, ErrorCodeFields, FileFields, MessagesFields, TopicFields } from '../../types.js';

/** Each input's text by its key; an input's id is `felt-<key>`. */
export type Values = Record<string, string>;
export type SpecialDay = BankFields['specialDays'][number];

export const inputId = (key: string): string => `felt-${key}`;

export const langs = ['nn', 'nb', 'en'] as const;

const lines = (text: string | undefined): string[] => (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
const commas = (text: string | undefined): string[] => (text ?? '').split(/[,\n]/).map((l) => l.trim()).filter(Boolean);

export function valuesOf(kind: ContentItemKind, fields: ContentItemResult['fields'] | null): { values: Values; days: SpecialDay[] } {
  if (!fields) return { values: kind === 'topic' ? { id: '', title: '', category: '', 'phrasings-nn': '', 'phrasings-nb': '', 'phrasings-en': '', keywords: '', related: '', answer: '' } : {}, days: [] };
  switch (kind) {
    case 'topic': {
      const f = fields as TopicFields;
      return {
        values: {
          title: f.title,
          category: f.category,
          ...Object.fromEntries(langs.map((l) => [`phrasings-${l}`, f.phrasings[l].join('\n')])),
          keywords: f.keywords.join(', '),
          related: f.related.join(', '),
          answer: f.answer,
        },
        days: [],
      };
    }
    case 'error-code': {
      const f = fields as ErrorCodeFields;
      return { values: { codes: f.codes.join(', '), meaning: f.meaning, solution: f.solution, keywords: f.keywords.join(', ') }, days: [] };
    }
    case 'messages': {
      const f = fields as MessagesFields;
      return { values: Object.fromEntries(Object.entries(f.texts).map(([k, v]) => [`texts-${k}`, v])), days: [] };
    }
    case 'bank': {
      const f = fields as BankFields;
      return { values: { phone: f.phone, openingHours: f.openingHours }, days: f.specialDays.map((d) => ({ ...d })) };
    }
    case 'file':
      return { values: { body: (fields as FileFields).body }, days: [] };
  }
}

/** The edit these inputs make. `id`: the topic or error code's id, or the file's path. */
export function editOf(kind: ContentItemKind, id: string, v: Values, days: SpecialDay[]): ContentEdit {
  switch (kind) {
    case 'topic':
      return {
        type: 'topic',
        id,
        title: (v['title'] ?? '').trim(),
        category: (v['category'] ?? '').trim(),
        phrasings: { nn: lines(v['phrasings-nn']), nb: lines(v['phrasings-nb']), en: lines(v['phrasings-en']) },
        keywords: commas(v['keywords']),
        related: commas(v['related']),
        answer: v['answer'] ?? '',
      };
    case 'error-code':
      return {
        type: 'error-code',
        id,
        // "BID-14B1" as the customer sees it is the code 14B1.
        codes: commas(v['codes']).map((c) => c.replace(/^BID-/i, '').toUpperCase()),
        meaning: (v['meaning'] ?? '').trim(),
        solution: (v['solution'] ?? '').trim(),
        keywords: commas(v['keywords']),
      };
    case 'messages':
      return { type: 'messages', texts: Object.fromEntries(Object.entries(v).filter(([k]) => k.startsWith('texts-')).map(([k, text]) => [k.slice(6), text])) };
    case 'bank':
      return {
        type: 'bank',
        phone: (v['phone'] ?? '').trim(),
        openingHours: (v['openingHours'] ?? '').trim(),
        specialDays: days.map((d) => ({ date: d.date.trim(), hours: d.hours.trim(), ...(d.note?.trim() ? { note: d.note.trim() } : {}) })),
      };
    case 'file':
      return { type: 'text', path: id, body: v['body'] ?? '' };
  }
}

/**
 * The input that shows the service's problem with `field`, or null when no input of this form
 * holds it (the problem is then said above the form). An error code's field comes with the entry's
 * index in error-codes.yaml first ("3.codes.0"); a request's with "edit." first.
 */
export function fieldKey(kind: ContentItemKind, field: string | undefined, values: Values): string | null {
  if (!field) return null;
  const segs = field.replace(/^edit\./, '').split('.');
  while (segs.length > 1 && /^\d+$/.test(segs[0]!)) segs.shift();
  const [first, second, third] = segs as [string, string | undefined, string | undefined];
  switch (kind) {
    case 'topic':
      if (first === 'phrasings') return `phrasings-${langs.includes(second as 'nn') ? second : 'nn'}`;
      return ['id', 'title', 'category', 'keywords', 'related', 'answer'].includes(first) ? first : null;
    case 'error-code':
      return ['id', 'codes', 'meaning', 'solution', 'keywords'].includes(first) ? first : null;
    case 'messages': {
      const key = first === 'texts' ? `texts-${second}` : `texts-${first}`;
      return key in values ? key : null;
    }
    case 'bank':
      if (first === 'specialDays') return second !== undefined && /^\d+$/.test(second) ? `specialDays-${second}-${third ?? 'date'}` : 'specialDays-0-date';
      return first === 'phone' || first === 'openingHours' ? first : null;
    case 'file':
      return 'body';
  }
}
