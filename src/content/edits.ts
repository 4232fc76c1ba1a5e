// What an editor can change, as the API accepts it (POST /api/content/drafts). Plain zod and the
// content schema only, so the console's types are inferred from it (src/web/client/types.ts).
import { z } from 'zod';
import { messages as messagesSchema, urgentKinds } from './schema.js';

const NUL = (v: string) => !v.includes('\u0000');
const line = z.string().refine(NUL, 'must not contain NUL characters').trim().min(1).max(2000);
const list = z.array(z.string().refine(NUL, 'must not contain NUL characters').trim().min(1).max(300)).max(200);
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens').max(60);
export const messageKeys = Object.keys(messagesSchema.shape).filter((k) => k !== 'status') as (keyof z.infer<typeof messagesSchema> & string)[];

export const contentEdit = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('topic'),
    id,
    title: line,
    category: line,
    phrasings: z.strictObject({ nn: list, nb: list, en: list }),
    keywords: list,
    related: z.array(id).max(20),
    answer: z.string().refine(NUL, "must not contain NUL characters").max(4000),
  }),
  z.strictObject({ type: z.literal('error-code'), id, codes: z.array(z.string().max(8)).min(1).max(10), meaning: line, solution: line, keywords: list }),
  /** A topic or error code no longer served; its history stays, and it can be brought back by rollback. */
  z.strictObject({ type: z.literal('retire'), id }),
  z.strictObject({ type: z.literal('messages'), texts: z.partialRecord(z.enum(messageKeys as [string, ...string[]]), z.string().refine(NUL, "must not contain NUL characters").max(2000)) }),
  z.strictObject({
    type: z.literal('bank'),
    phone: z.string().max(30).optional(),
    openingHours: z.string().max(200).optional(),
    specialDays: z.array(z.strictObject({ date: z.string().max(10), hours: z.string().max(40), note: z.string().max(80).optional() })).max(100).optional(),
  }),
  /** Training messages: added to training/editors.jsonl, removed from the file that has them. */
  z.strictObject({
    type: z.literal('training'),
    add: z.array(z.strictObject({ label: id, text: line, lang: z.enum(['nn', 'nb', 'en', 'dial', 'typo']), kind: z.enum(urgentKinds).optional() })).max(200).default([]),
    remove: z.array(z.strictObject({ path: z.string().max(80), text: z.string().max(2000) })).max(200).default([]),
  }),
  /** Any file as text (vocabulary, actions, a training file): for what has no form. */
  z.strictObject({ type: z.literal('text'), path: z.string().max(80), body: z.string().refine(NUL, "must not contain NUL characters").max(2_000_000) }),
]).refine((e) => !JSON.stringify(e).includes('\\u0000'), 'must not contain NUL characters (\\u0000)');
export type ContentEdit = z.infer<typeof contentEdit>;

