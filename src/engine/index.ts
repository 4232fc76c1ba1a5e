// The answer engine: normalise → redact → error codes and the vocabulary's rules → a model
// learned from the training corpus → decide (answer, ask back, hand over). It chooses among the
// bank's approved texts; it never writes an answer of its own.
import type { ContentPack, Messages, Topic } from '../content/index.js';
import { findCodePrefix, saysCodeStart, type FoundCodes } from './error-codes.js';
import { damerauLevenshtein } from './fuzzy.js';
import { trainModel, type Model } from './model/index.js';
import { blend } from './model/features.js';
import { decideFrom, standsAlone, URGENT_PREFIX, type ModelDecision } from './model/policy.js';
import type { ClassProbability } from './model/classifier.js';
import { normalise, words } from './normalise.js';
import { isEnglish } from './language.js';
import { Memo } from './memo.js';
import { redact } from './privacy/redact.js';
import { createReader, type Reading } from './reading.js';
import { DEFAULT_TUNING, type Tuning } from './tuning.js';
import type { Engine, Intent, Reply } from './types.js';

export type { Engine, Reply, ReplyKind, Intent, ClarifyOption } from './types.js';

const MAX_ANSWER = 1900;
const PLACEHOLDER = /\[(?:hemmeleg|fødselsnummer|kortnummer|kontonummer)\]/;
/** A follow-up of at most this many words leans on what came before ("kva no?", "på iPhone"). */
const SHORT = 6;
/** Below this urgent probability a known error code outweighs an urgent rule's words. */
const CODE_VETO = 0.05;
/** Below this urgent probability a short follow-up is read with the turns before it first. */
const FOLLOW_UP_URGENT = 0.5;
/** A topic this probable is offered when a vague message is asked back. */
const VAGUE_OPTION = 0.05;
/** How many earlier turns a reply reads. */
const CONTEXT_TURNS = 3;
/** An answer this long or longer, found whole inside another, is covered by it. */
const COVERED_MIN = 60;
/** Readings of recent messages kept for the turns that follow them (about 14 kB each: ~28 MB). */
const READINGS_KEPT = 2048;
/** How many labels an explanation lists. */
const EXPLAIN = 4;

/** What the engine says for a label that is not a topic: the reply's kind, its intent, its text. */
const INTENT_REPLIES: Record<string, [Reply['kind'], Intent, keyof Messages]> = {
  greeting: ['answer', 'greeting', 'greeting'],
  thanks: ['answer', 'thanks', 'thanks'],
  human: ['handoff', 'human', 'human'],
  'not-helped': ['handoff', 'not-helped', 'notHelped'],
  'out-of-scope': ['handoff', 'out-of-scope', 'outOfScope'],
  'not-covered': ['handoff', 'not-covered', 'notCovered'],
  'off-topic': ['handoff', 'off-topic', 'offTopic'],
  'no-match': ['handoff', 'no-match', 'noMatch'],
};

export interface EngineOptions {
  tuning?: Partial<Tuning>;
  /** A model trained elsewhere (cross-validation, benchmarks); trained from the pack by default. */
  model?: Model;
  /** How many readings of recent messages are kept for the turns after them (0: none; benchmarks). */
  readingsKept?: number;
}

export function createEngine(pack: ContentPack, options: EngineOptions = {}): Engine & { model: Model } {
  const t = { ...DEFAULT_TUNING, ...options.tuning };
  const reader = createReader(pack, t);
  const model = options.model ?? trainModel(pack, reader);
  const topicById = new Map(pack.topics.map((x) => [x.id, x]));
  const answerTexts = new Map(pack.topics.map((x) => [x.id, x.answer.replace(/\s+/g, ' ').trim()]));
  const answerText = (id: string) => answerTexts.get(id) ?? '';
  /** Whether topic `a`'s answer contains all of `b`'s (a substantial one, not a line). */
  const covers = (a: string, b: string) => answerText(b).length >= COVERED_MIN && answerText(a).includes(answerText(b));
  const codeTopic = new Map<string, Topic>();
  for (const topic of pack.topics) for (const c of topic.codes) codeTopic.set(c, topic);
  const knownCodes = new Set(codeTopic.keys());
  const pointers = new Set(pack.vocabulary.pointers.map((w) => w.toLowerCase()));
  const isTopic = (label: string) => model.topics.has(label);
  const ruleKind = new Map(pack.vocabulary.intents.urgent.map((r) => [r.name, r.kind]));
  const fill = (text: string, extra: Record<string, string> = {}) =>
    text.replace(/\{(\w+)\}/g, (whole, key: string) =>
      ({ phone: pack.bank.phone, bankName: pack.bank.name, errorLink: pack.bank.links['feilmeldingar'] ?? 'bankid.no/feilmeldingar', hours: pack.bank.openingHours, ...extra })[key] ?? whole,
    );
  // Earlier turns are read again with each new message: a reading and its classification depend
  // on the text alone, so they are kept (the engine's cost per message stays that of one turn).
  const readings = new Memo<string, Reading>(options.readingsKept ?? READINGS_KEPT);
  const classified = new WeakMap<Reading, ClassProbability[]>();
  const read = (text: string) => readings.get(text, reader.read);
  const classify = (r: Reading) => {
    let ranked = classified.get(r);
    if (!ranked) classified.set(r, (ranked = model.classifier.classify(r.features)));
    return ranked;
  };
  // A message read with the turns before it depends on those readings alone, and a conversation
  // that asks again ("framleis same feil") meets the same ones: that classification is kept too,
  // keyed by the readings (each kept reading has its own number; a reading made anew gets a new one).
  const readingIds = new WeakMap<Reading, number>();
  let nextReadingId = 0;
  const idOf = (r: Reading) => {
    let id = readingIds.get(r);
    if (id === undefined) readingIds.set(r, (id = nextReadingId++));
    return id;
  };
  const blended = new Memo<string, ClassProbability[]>(options.readingsKept ?? READINGS_KEPT);
  const classifyTogether = (current: Reading, earlier: readonly Reading[]) =>
    blended.get([current, ...earlier].map(idOf).join(' '), () => model.classifier.classify(withEarlier(current, earlier)));

  function reply(turns: readonly string[]): Reply {
    const redacted = turns.map((x) => redact(x));
    const sharedSecret = redacted.length > 0 && (redacted.at(-1)!.found.length > 0 || PLACEHOLDER.test(turns.at(-1)!));
    let base = respond(redacted.map((r) => r.text));
    // An English question gets the bank's Norwegian answer, and a word in English about it.
    if (base.kind !== 'handoff' && base.text.length + pack.messages.inNorwegian.length < MAX_ANSWER && isEnglish(normalise(redacted.at(-1)?.text ?? ''))) base = { ...base, text: `${base.text}\n\n${pack.messages.inNorwegian}` };
    if (!sharedSecret) return base;
    return { ...base, sharedSecret, text: `${base.text}\n\n${pack.messages.privacy}` };
  }

  function respond(turns: readonly string[]): Reply {
    const current = read(turns.at(-1) ?? '');
    const { intents, codes } = current;
    if (!current.normalised) return make('clarify', 'no-match', pack.messages.empty);
    // Only symbols ("?!?!"): nothing to go on, so offer a person.
    if (!/[\p{L}\p{N}]/u.test(current.normalised)) return make('handoff', 'no-match', fill(pack.messages.noMatch));
    const alone = classify(current);
    // Not one word the model has learned, no code, no rule ("jkjkjkjk", "asdf qwer"): whatever the
    // character n-grams suggest, nothing was understood, so a person is offered.
    if (!model.classifier.knowsAnyWord(current.features) && !codes.known.length && !codes.unknown.length && !intents.urgent.length && urgentMass(alone) < model.policy.urgentAt) return explain(make('handoff', 'no-match', fill(pack.messages.noMatch)), alone);
    let decision = decideFrom(alone, isTopic, model.policy);
    // Recall first: the vocabulary's urgent rules or the model's urgent classes, either suffices.
    // A known BankID error code means the customer was at the real login ("BID-1439 etter feil
    // eingongskode"): a rule's words about typing a code do not make that urgent unless the model
    // sees risk too. A device in the wrong hands (stolen, lost, kept by an ex) is not about typing:
    // an error code in the same message says nothing against it.
    const held = intents.urgent.find((name) => ruleKind.get(name) === 'device-lost');
    const ruleHeard = intents.urgent.length > 0 && (held !== undefined || !(codes.known.length && urgentMass(alone) < CODE_VETO));
    if (ruleHeard) return urgent(ruleKind.get(held ?? intents.urgent[0]!) ?? 'scammed', alone);
    // The last few turns only: further back counts for almost nothing (contextWeight³ ≈ 0.2), and
    // reading the whole history again on every message would grow with the conversation.
    // A turn that was only a greeting or thanks ("hei", "takk") says nothing about the question.
    const earlier = turns
      .slice(-1 - CONTEXT_TURNS, -1)
      .map(read)
      .filter((r) => r.intents.rest !== '');
    if (decision.kind === 'urgent') {
      // A short follow-up ("kva gjer eg no?") says too little to be urgent on its own: its faint
      // urgent probability is weighed with the turns before it.
      if (!(earlier.length && isFollowUp(current) && decision.p < FOLLOW_UP_URGENT)) return urgent(decision.urgentKind, alone);
      const together = classifyTogether(current, earlier);
      const d = decideFrom(together, isTopic, model.policy);
      if (d.kind === 'urgent') return urgent(d.urgentKind, together);
      decision = { kind: 'unsure', p: decision.p };
    }
    // Once a conversation has been urgent it stays so: "og eg godkjende han ved ein feil" after
    // "fekk ein BankID-førespurnad eg ikkje bad om" is the same emergency.
    // (Faint urgency before, or an error code now that shows a real login, does not carry over.)
    const wasUrgent = codes.known.length ? undefined : earlier.find((r) => r.intents.urgent.length > 0 || urgentMass(classify(r)) >= model.policy.urgentAt);
    if (wasUrgent) return urgent(ruleKind.get(wasUrgent.intents.urgent[0] ?? '') ?? urgentKindOf(classify(wasUrgent)), alone);
    if (intents.human) return explain(make('handoff', 'human', fill(pack.messages.human)), alone);
    // A code not seen before is a new question ("no kjem BID-1437 i staden, er det same feilen?");
    // "prøvd igjen, same feil" (or the same code again) after an answer did not help: a person takes over.
    const newCode = codes.unknown.length > 0 || codes.known.some((c) => !earlier.some((r) => r.codes.known.includes(c)));
    const notHelped = earlier.length > 0 && (intents.notHelped || (decision.kind === 'intent' && decision.label === 'not-helped'));
    if (notHelped && !newCode) return explain(make('handoff', 'not-helped', fill(pack.messages.notHelped)), alone);
    // A code the bank's table does not have, but the words and the code's shape make the model
    // sure of one it does ("bid-1343 … tjenesten er ikke tilgjengelig", "bid 14bi"): a misremembered code.
    if (!codes.known.length && codes.unknown.length && decision.kind === 'answer' && nearCode(codes.unknown, topicById.get(decision.topic)) && wordsPointTo(current.normalised, codes.unknown, decision.topic)) {
      return explain(fromDecision(decision, alone), alone);
    }
    if (codes.known.length || codes.unknown.length) return explain(codeReply(codes), alone);

    // The latest message is read alone first; earlier turns count only when it is short, points
    // back ("den", "same feil") or is not confident alone. A clear new question gets its own answer.
    let ranked = alone;
    if (earlier.length && (!standsAlone(decision) || isFollowUp(current))) {
      const previous = earlier.at(-1)!;
      // "kva gjer eg no?", "har prøvd Chrome og Edge, same feil": still about the code before.
      if (previous.codes.known.length && !standsAlone(decision)) return explain(codeReply(previous.codes), alone);
      const partial = partialCode([...earlier.map((r) => r.normalised), current.normalised].join(' \n '));
      if (partial) return partial;
      const together = classifyTogether(current, earlier);
      const withContext = decideFrom(together, isTopic, model.policy);
      if (withContext.kind === 'urgent') return urgent(withContext.urgentKind, together);
      // Context settles an unsure message; for a follow-up it wins only when it makes the reading
      // surer than the message alone ("er 45 og har pass" after "gløymt passordet"), so a clear
      // new question keeps its own answer.
      const surer = standsAlone(withContext) && together[0]!.p > alone[0]!.p && isFollowUp(current);
      if ((!standsAlone(decision) && (standsAlone(withContext) || (decision.kind === 'unsure' && withContext.kind === 'clarify'))) || surer) {
        decision = withContext;
        ranked = together;
      }
    } else {
      // "BID-14…": the codes that begin so, unless the words settle which one it is.
      const partial = partialCode(current.normalised);
      const settled = partial !== undefined && settledByWords(current.normalised, partial);
      // "BID-14…", "143-noko" are asked back even when the model leans one way; a lone "14" in a
      // message about errors ("iPhone 14, no errors") only when the model is not sure by itself.
      const saidStart = partial !== undefined && saysCodeStart(current.normalised);
      if (partial && !settled && ((partial.kind === 'clarify' && saidStart) || !standsAlone(decision))) return explain(partial, alone);
    }
    return explain(fromDecision(decision, ranked), ranked);
  }

  /** One of `unknown` is one slip (a swap, a wrong key, I for 1, O for 0) from one of the error-code topic's codes. */
  function nearCode(unknown: readonly string[], topic: Topic | undefined): boolean {
    if (topic?.kind !== 'error-code') return false;
    const plain = (c: string) => c.toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
    return unknown.some((u) => topic.codes.some((c) => damerauLevenshtein(plain(u), plain(c), 1) <= 1));
  }

  /** The message without its codes still points to `topic`: the words, not the code's shape, say which. */
  function wordsPointTo(normalised: string, codes: readonly string[], topic: string): boolean {
    let rest = normalised;
    for (const c of codes) rest = rest.replace(new RegExp(`(?:b\\s*-?\\s*i\\s*-?\\s*d\\s*[-:.#]?\\s*)?${c.toLowerCase()}`, 'g'), ' ');
    const ranked = classify(read(rest));
    return ranked[0]?.label === topic && ranked[0].p >= model.policy.clarifyAt;
  }

  /** The message's features with the earlier turns', each turn back counting less. */
  function withEarlier(current: Reading, earlier: readonly Reading[]) {
    let context = current.features;
    earlier.forEach((r, i) => (context = blend(context, r.features, t.contextWeight ** (earlier.length - i))));
    return context;
  }

  function urgentKindOf(ranked: readonly ClassProbability[]): string {
    return ranked.find((x) => x.label.startsWith(URGENT_PREFIX))?.label.slice(URGENT_PREFIX.length) ?? 'scammed';
  }

  function urgentMass(ranked: readonly ClassProbability[]): number {
    return ranked.reduce((sum, x) => sum + (x.label.startsWith(URGENT_PREFIX) ? x.p : 0), 0);
  }

  function urgent(kind: string, ranked: readonly ClassProbability[]): Reply {
    return { ...explain(make('handoff', 'urgent', fill(pack.messages.urgent)), ranked), urgent: true, urgentKind: kind };
  }

  /** Short, or pointing back ("den", "det", "it"): the message leans on what was said before. */
  function isFollowUp(r: Reading): boolean {
    const ws = words(r.normalised);
    return ws.length <= SHORT || ws.some((w) => pointers.has(w));
  }

  function fromDecision(d: ModelDecision, ranked: readonly ClassProbability[]): Reply {
    switch (d.kind) {
      case 'answer':
        return answer([topicById.get(d.topic)!], 'topic');
      case 'clarify': {
        // One of the answers holds every other one word for word (the bank's general answer
        // that includes the special case): it answers them all, so nothing need be asked.
        const whole = d.topics.find((a) => d.topics.every((b) => b === a || covers(a, b)));
        if (whole) return answer([topicById.get(whole)!], 'topic');
        return {
          ...make('clarify', 'ambiguous', pack.messages.clarify),
          options: d.topics.map((id) => ({ topicId: id, label: topicById.get(id)!.title })),
        };
      }
      case 'intent':
        return intentReply(d.label, ranked);
      case 'urgent':
        return { ...make('handoff', 'urgent', fill(pack.messages.urgent)), urgent: true, urgentKind: d.urgentKind };
      case 'unsure':
        return make('handoff', 'no-match', fill(pack.messages.noMatch));
    }
  }

  /**
   * "BankID verkar ikkje", "problem med passordet": asked back with the topics the model finds
   * likeliest when they stand out, otherwise with the bank's common problems, the likeliest first.
   */
  function askBack(ranked: readonly ClassProbability[]): Reply {
    const topics = ranked.filter((x) => isTopic(x.label));
    const likely = topics.filter((x) => x.p >= VAGUE_OPTION).slice(0, model.policy.maxOptions);
    const p = new Map(topics.map((x) => [x.label, x.p]));
    const ids =
      likely.length >= 2
        ? likely.map((x) => x.label)
        : [...pack.bank.commonProblems].sort((a, b) => (p.get(b) ?? 0) - (p.get(a) ?? 0)).slice(0, model.policy.maxOptions);
    return { ...make('clarify', 'ambiguous', pack.messages.clarify), options: ids.map((id) => ({ topicId: id, label: topicById.get(id)!.title })) };
  }

  function intentReply(label: string, ranked: readonly ClassProbability[]): Reply {
    if (label === 'vague') return askBack(ranked);
    const [kind, intent, text] = INTENT_REPLIES[label] ?? INTENT_REPLIES['no-match']!;
    return make(kind, intent, fill(pack.messages[text]));
  }

  /** The words around a half-remembered code name one of its topics, read without the digits. */
  function settledByWords(normalised: string, partial: Reply): boolean {
    const d = decideFrom(classify(read(normalised.replace(/\b(?:bid)?[\s-]*\d\w*/g, ' '))), isTopic, model.policy);
    return d.kind === 'answer' && partial.options.some((o) => o.topicId === d.topic);
  }

  /** "BID-14…", "det var 14 og ein bokstav": the codes that begin so, asked back or answered. */
  function partialCode(text: string): Reply | undefined {
    const prefix = findCodePrefix(text);
    if (!prefix) return undefined;
    const letter = /bokstav|letter/.test(text);
    const codes = [...knownCodes].filter((c) => c.startsWith(prefix.toUpperCase()) && (!letter || /[A-Z]/.test(c.slice(prefix.length))));
    const topics = [...new Set(codes.map((c) => codeTopic.get(c)!))];
    if (topics.length === 0) return undefined;
    if (topics.length === 1) return { ...answer(topics, 'error-code'), errorCodes: codes };
    return {
      ...make('clarify', 'ambiguous', pack.messages.clarify),
      options: topics.slice(0, model.policy.maxOptions).map((topic) => ({ topicId: topic.id, label: topic.title })),
    };
  }

  function codeReply(codes: FoundCodes): Reply {
    const topics = [...new Set(codes.known.map((c) => codeTopic.get(c)!))];
    const unknownText = codes.unknown.length
      ? fill(pack.messages.unknownCode, { codes: codes.unknown.map((c) => `BID-${c}`).join(', ') })
      : '';
    if (!topics.length) return { ...make('answer', 'unknown-code', unknownText), errorCodes: codes.unknown, sources: ['bid-unknown'] };
    const r = answer(topics, 'error-code', unknownText);
    return { ...r, errorCodes: [...codes.known, ...codes.unknown] };
  }

  function answer(topics: Topic[], intent: Intent, extra = ''): Reply {
    let text = '';
    const sources: string[] = [];
    for (const topic of topics) {
      const next = text ? `${text}\n\n${topic.answer}` : topic.answer;
      if (next.length > MAX_ANSWER && text) break;
      text = next;
      sources.push(topic.id);
    }
    if (extra) text = `${text}\n\n${extra}`;
    return { ...make('answer', intent, text), sources };
  }

  function make(kind: Reply['kind'], intent: Intent, text: string): Reply {
    return { kind, intent, text, urgent: false, sources: [], options: [], errorCodes: [], sharedSecret: false, explanation: [] };
  }

  function explain(r: Reply, ranked: readonly ClassProbability[]): Reply {
    return { ...r, explanation: ranked.slice(0, EXPLAIN).map((x) => ({ label: x.label, p: Math.round(x.p * 1000) / 1000 })) };
  }

  return {
    model,
    reply,
    turnsRead: CONTEXT_TURNS + 1,
    suggest(text, limit = 3) {
      // For advisors: the topics the model finds most probable for the conversation's text.
      return classify(read(redact(text).text))
        .filter((x) => isTopic(x.label))
        .slice(0, limit)
        .map((x) => {
          const topic = topicById.get(x.label)!;
          return { topicId: topic.id, title: topic.title, answer: topic.answer, score: x.p };
        });
    },
  };
}
