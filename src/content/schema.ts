// The content pack's schema: everything a bank brings (facts, topics, error codes, vocabulary).
import { z } from 'zod';

/** The kinds of risk an urgent message describes; the advisor sees which one the bot understood. */
export const urgentKinds = ['secret-shared', 'device-lost', 'unknown-activity', 'remote-access', 'fake-page', 'fake-caller', 'scammed'] as const;
export type UrgentKind = (typeof urgentKinds)[number];

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');
const status = z.enum(['approved', 'draft']);
/** A topic or error code may also be retired: never served, kept for its history. */
const itemStatus = z.enum(['approved', 'draft', 'retired']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/** Front matter of one topic file in content/topics/. */
export const topicFrontMatter = z.strictObject({
  id,
  title: z.string().min(3),
  category: z.string().min(2),
  phrasings: z.strictObject({
    nn: z.array(z.string().min(2)).default([]),
    nb: z.array(z.string().min(2)).default([]),
    en: z.array(z.string().min(2)).default([]),
  }),
  keywords: z.array(z.string().min(2)).default([]),
  status: itemStatus,
  reviewed: isoDate,
  /** Topics about the same situation, offered together when the customer is vague. */
  related: z.array(id).default([]),
});

export const errorCodeEntry = z.strictObject({
  id,
  /** Codes as the bank's page lists them, e.g. "14B1", "2030". */
  codes: z.array(z.string().regex(/^[0-9A-Za-z]{4}$/, 'must be four letters or digits, e.g. 14B1')).min(1),
  meaning: z.string().min(5),
  solution: z.string().min(5),
  /** Words a customer may use for this error without its code ("tidsavbrot", "timed out"). */
  keywords: z.array(z.string()).default([]),
  status: itemStatus,
  reviewed: isoDate,
});

export const bankFacts = z.strictObject({
  name: z.string().min(2),
  phone: z.string().regex(/^[0-9 +]{8,16}$/, 'must be a phone number like "57 82 97 00"'),
  /** Opening hours of the customer centre, e.g. "mon-fri 07:00-22:00; sat-sun,holidays 10:00-18:00". */
  openingHours: z.string().min(5),
  timeZone: z.string().default('Europe/Oslo'),
  /** Special days: a date and hours ("09:00-12:00") or "closed". */
  specialDays: z.array(z.strictObject({ date: isoDate, hours: z.string(), note: z.string().optional() })).default([]),
  /** Topics offered when a message names no problem ("BankID verkar ikkje"). */
  commonProblems: z.array(id).default([]),
  links: z.record(z.string(), z.string()),
});

export type TopicFrontMatter = z.infer<typeof topicFrontMatter>;
export type ErrorCodeEntry = z.infer<typeof errorCodeEntry>;
export type BankFacts = z.infer<typeof bankFacts>;

export const messages = z.strictObject({
  status,
  greeting: z.string(),
  thanks: z.string(),
  clarify: z.string(),
  human: z.string(),
  notHelped: z.string(),
  outOfScope: z.string(),
  /** A BankID question that none of the bank's answers covers. */
  notCovered: z.string(),
  /** Small talk or anything that is not about the bank. */
  offTopic: z.string(),
  /** Added, in English, to a reply to an English message: the bank's texts are in Norwegian. */
  inNorwegian: z.string(),
  noMatch: z.string(),
  urgent: z.string(),
  unknownCode: z.string(),
  privacy: z.string(),
  empty: z.string(),
  queued: z.string(),
  closedHours: z.string(),
  opensAt: z.string(),
  callback: z.string(),
  claimed: z.string(),
  transferred: z.string(),
  closed: z.string(),
  /** Shown when a waiting or idle conversation is closed because the customer has gone. */
  abandoned: z.string(),
});

const forms = z.array(z.string().min(1)).min(1);

export const vocabulary = z.strictObject({
  /** concept → word forms and phrases that mean it. */
  concepts: z.record(z.string(), forms),
  stopwords: z.array(z.string()),
  weak: z.array(z.string()).default([]),
  domain: z.array(z.string()).default([]),
  generic: z.array(z.string()).default([]),
  pointers: z.array(z.string()).default([]),
  intents: z.strictObject({
    greeting: forms,
    thanks: forms,
    human: forms,
    notHelped: forms,
    outOfScope: forms,
    /** `kind`: the kind of risk the rule hears, shown to the advisor (see urgentKinds). */
    urgent: z.array(
      z.strictObject({
        name: z.string(),
        kind: z.enum(urgentKinds),
        all: z.array(forms).min(1),
        /** Words that mean the rule's words are not what they seem ("tasta feil passord" is typing it wrongly, not giving it away). */
        none: forms.optional(),
      }),
    ),
  }),
});

const loginFailures = ['cancelled', 'acr', 'expired', 'replayed', 'state', 'claim', 'failed', 'unavailable'] as const;
export type LoginFailureText = (typeof loginFailures)[number];

/** content/actions.yaml: what a logged-in customer can do in the chat, and the texts of logging in. */
export const actionsFile = z.strictObject({
  status,
  login: z.strictObject({
    needed: z.string().min(1),
    loggedIn: z.string().min(1),
    loggedOut: z.string().min(1),
    expired: z.string().min(1),
    failed: z.strictObject(Object.fromEntries(loginFailures.map((k) => [k, z.string().min(1)])) as Record<LoginFailureText, z.ZodString>),
  }),
  actions: z
    .array(
      z.strictObject({
        id,
        label: z.string().min(1).max(60),
        offerFor: z.array(id).default([]),
        fields: z.array(z.strictObject({ id, label: z.string().min(1), from: z.enum(['postalAddress']) })).default([]),
        confirm: z.string().min(1),
        confirmButton: z.string().min(1).max(40),
        receipt: z.string().min(1),
        delivery: z.enum(['webhook', 'queue']),
        oncePerDays: z.number().int().min(1).max(3650).optional(),
        again: z.string().min(1).optional(),
        /** For `queue`: what the advisor sees as the reason. */
        reason: z.string().min(1).optional(),
      }),
    )
    .default([]),
});
export type ActionsFile = z.infer<typeof actionsFile>;
export type ActionDefinition = ActionsFile['actions'][number];

export type Messages = z.infer<typeof messages>;
export type Vocabulary = z.infer<typeof vocabulary>;

/**
 * Labels of the training corpus that are not help topics: what else a customer's message can be.
 * `vague`: about BankID but names no problem, so the bot asks back with the bank's common problems.
 */
export const nonTopicLabels = ['vague', 'urgent', 'not-covered', 'out-of-scope', 'off-topic', 'human', 'not-helped', 'greeting', 'thanks'] as const;
export type NonTopicLabel = (typeof nonTopicLabels)[number];

/** One line of content/training/*.jsonl: a customer message and what it is. Never shown to customers. */
export const trainingExample = z.strictObject({
  /** A topic id, or one of nonTopicLabels. */
  label: id,
  text: z.string().trim().min(1).max(2000),
  lang: z.enum(['nn', 'nb', 'en', 'dial', 'typo']),
  kind: z.enum(urgentKinds).optional(),
  /** Which writer (persona batch) wrote it, for review and for cross-validation by writer. */
  writer: z.string().min(1).max(40),
});
export type TrainingExample = z.infer<typeof trainingExample>;

/**
 * content/training/calibration.json, written by `kundesenter calibrate`: the model and the
 * thresholds chosen by cross-validation on this corpus, and the corpus they were chosen for.
 */
export const calibration = z.object({
  corpusHash: z.string().regex(/^[0-9a-f]{64}$/),
  model: z.enum(['logistic', 'neighbours']),
  temperature: z.number().positive(),
  policy: z.strictObject({
    answerAt: z.number().min(0).max(1),
    optionRatio: z.number().min(0).max(1),
    clarifyAt: z.number().min(0).max(1),
    urgentAt: z.number().min(0).max(1),
    intentAt: z.number().min(0).max(1),
    maxOptions: z.number().int().min(2).max(6),
  }),
  /** What cross-validation measured; kept for the record, not read by the engine. */
  report: z.record(z.string(), z.unknown()).default({}),
});
export type Calibration = z.infer<typeof calibration>;
