// Loads a content pack from a folder and validates every file, failing with the file, the field
// and what is wrong, so a content editor can fix it without reading code.
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { type ActionsFile, actionsFile, bankFacts, calibration, errorCodeEntry, messages, nonTopicLabels, topicFrontMatter, trainingExample, vocabulary, type TrainingExample } from './schema.js';
import { readContentFolder, trainingFiles, type ContentFiles } from './files.js';
import type { ContentPack, Topic } from './types.js';

export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'ContentError';
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ContentError(file, issue.path.join('.'), issue.message);
}

function readJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ContentError(file, '', `not valid JSON: ${(error as Error).message}`);
  }
}

function readYaml(text: string, file: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw new ContentError(file, '', `not valid YAML: ${(error as Error).message}`);
  }
}

function loadTopic(text: string, file: string): Topic {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter caches by content; pass an empty options object to disable that.
    parsed = matter(text, {});
  } catch (error) {
    throw new ContentError(file, 'front matter', `not valid YAML: ${(error as Error).message}`);
  }
  const front = check(topicFrontMatter, normaliseDates(parsed.data), file);
  const answer = parsed.content.trim();
  if (answer.length < 10) throw new ContentError(file, 'answer', 'the answer text below the front matter is missing');
  if (answer.length > 2000) throw new ContentError(file, 'answer', `the answer is ${answer.length} characters; keep it under 2000`);
  const { nn, nb, en } = front.phrasings;
  return {
    kind: 'topic',
    id: front.id,
    title: front.title,
    category: front.category,
    phrasings: [...nn, ...nb, ...en],
    keywords: front.keywords,
    answer,
    status: front.status,
    reviewed: front.reviewed,
    related: front.related,
    codes: [],
  };
}

/** YAML reads an unquoted 2026-11-25 as a Date; the schema wants the text. */
function normaliseDates(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const [key, value] of Object.entries(out)) {
    if (value instanceof Date) out[key] = value.toISOString().slice(0, 10);
  }
  return out;
}

function loadErrorCodes(text: string, file: string): Topic[] {
  const raw = readYaml(text, file);
  if (!Array.isArray(raw)) throw new ContentError(file, '', 'must be a list of error codes');
  return raw.map((entry: unknown, i) => {
    const e = check(errorCodeEntry, normaliseDates(entry as Record<string, unknown>), `${file}[${i}]`);
    const codes = e.codes.map((c) => c.toUpperCase());
    const shown = `BID-${codes.join(', BID-')}`;
    return {
      kind: 'error-code',
      id: e.id,
      title: `Feilkode ${shown}`,
      category: 'Feilmeldingar',
      phrasings: [],
      keywords: e.keywords,
      answer: `**${shown}**\n\n${e.meaning}\n\nLøysing: ${e.solution}`,
      meaning: e.meaning,
      solution: e.solution,
      status: e.status,
      reviewed: e.reviewed,
      related: [],
      codes,
    } satisfies Topic;
  });
}

/** Reads and validates the whole content pack in `dir` (default: the repository's content/). */
export function loadContentPack(dir = 'content'): ContentPack {
  return contentPackOf(readContentFolder(dir), dir);
}

/**
 * Validates a content pack given as its files (path within the pack → text), as the folder and
 * the database's published versions both give it. Errors name `${dir}/${path}`.
 */
export function contentPackOf(files: ContentFiles, dir = 'content'): ContentPack {
  const at = (path: string) => `${dir}/${path}`;
  const need = (path: string) => {
    const text = files.get(path);
    if (text === undefined) throw new ContentError(at(path), '', 'is missing');
    return text;
  };
  const topicPaths = [...files.keys()].filter((p) => /^topics\/[^/]+\.md$/.test(p)).sort();
  const topics = [...loadErrorCodes(need('error-codes.yaml'), at('error-codes.yaml')), ...topicPaths.map((p) => loadTopic(files.get(p)!, at(p)))];
  const seen = new Map<string, string>();
  for (const topic of topics) {
    if (seen.has(topic.id)) throw new ContentError(topic.id, 'id', `is used twice (also in ${seen.get(topic.id)})`);
    seen.set(topic.id, topic.id);
  }
  for (const topic of topics) {
    for (const rel of topic.related) {
      if (!seen.has(rel)) throw new ContentError(at(`topics/${topic.id}.md`), 'related', `names unknown topic "${rel}"`);
    }
  }
  const codeOwner = new Map<string, string>();
  for (const topic of topics) {
    for (const code of topic.codes) {
      const owner = codeOwner.get(code);
      if (owner) throw new ContentError(at('error-codes.yaml'), 'codes', `BID-${code} is listed under both ${owner} and ${topic.id}`);
      codeOwner.set(code, topic.id);
    }
  }
  const bank = check(bankFacts, readYaml(need('bank.yaml'), at('bank.yaml')), at('bank.yaml'));
  for (const topicId of bank.commonProblems) {
    if (!seen.has(topicId)) throw new ContentError(at('bank.yaml'), 'commonProblems', `names unknown topic "${topicId}"`);
  }
  const actionsText = files.get('actions.yaml');
  const actions = actionsText === undefined ? undefined : loadActions(actionsText, at('actions.yaml'), seen);
  const training = loadTraining(files, dir, new Set([...seen.keys(), ...nonTopicLabels]));
  const calibrationText = files.get('training/calibration.json');
  const calibrationFile = at('training/calibration.json');
  return Object.freeze({
    training,
    calibration: calibrationText === undefined ? undefined : check(calibration, readJson(calibrationText, calibrationFile), calibrationFile),
    bank,
    messages: check(messages, readYaml(need('messages.yaml'), at('messages.yaml')), at('messages.yaml')),
    vocabulary: check(vocabulary, readYaml(need('vocabulary.yaml'), at('vocabulary.yaml')), at('vocabulary.yaml')),
    topics,
    actions,
  });
}

/** content/actions.yaml, optional: without it the chat offers no login and no actions. */
function loadActions(text: string, file: string, topicIds: ReadonlyMap<string, string>): ActionsFile {
  const pack = check(actionsFile, readYaml(text, file), file);
  const ids = new Set<string>();
  for (const action of pack.actions) {
    if (ids.has(action.id)) throw new ContentError(file, `actions.${action.id}`, 'is listed twice');
    ids.add(action.id);
    for (const topic of action.offerFor) {
      if (!topicIds.has(topic)) throw new ContentError(file, `actions.${action.id}.offerFor`, `names unknown topic "${topic}"`);
    }
    if (action.oncePerDays !== undefined && !action.again) throw new ContentError(file, `actions.${action.id}.again`, 'is needed with oncePerDays: the question asked before a second order');
  }
  return pack;
}

/**
 * content/training/*.jsonl: one example a line. Fails naming the file and line of a bad example, an
 * unknown label, an urgent example without its kind, or a message that appears twice.
 */
function loadTraining(files: ContentFiles, dir: string, labels: ReadonlySet<string>): TrainingExample[] {
  const out: TrainingExample[] = [];
  const seen = new Map<string, string>();
  for (const path of trainingFiles(files)) {
    const file = `${dir}/${path}`;
    files.get(path)!.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${file}:${i + 1}`;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new ContentError(where, '', 'not valid JSON');
      }
      const example = check(trainingExample, raw, where);
      if (!labels.has(example.label)) throw new ContentError(where, 'label', `"${example.label}" is neither a topic id nor one of ${nonTopicLabels.join(', ')}`);
      if ((example.label === 'urgent') !== (example.kind !== undefined)) throw new ContentError(where, 'kind', 'urgent examples, and only they, name the kind of risk');
      const key = example.text.toLowerCase().replace(/\s+/g, ' ');
      const before = seen.get(key);
      if (before) throw new ContentError(where, 'text', `the same message is already at ${before}`);
      seen.set(key, where);
      out.push(example);
    });
  }
  return out;
}
