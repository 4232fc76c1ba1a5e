// The answer engine: normalise → find error codes and intents → rank topics → decide.
// It chooses among the bank's approved texts; it never writes an answer of its own.
import type { ContentPack, Topic } from '../content/index.js';
import { Analyser, type Term } from './analyse.js';
import { decide, isConfident, type Decision } from './decide.js';
import { findCodePrefix, findErrorCodes, type FoundCodes } from './error-codes.js';
import { IntentRecogniser, type IntentMatch } from './intents.js';
import { normalise, words } from './normalise.js';
import { redact } from './privacy/redact.js';
import { TopicIndex, type Ranked } from './retrieval.js';
import { DEFAULT_TUNING, type Tuning } from './tuning.js';
import type { Engine, Intent, Reply } from './types.js';

export type { Engine, Reply, ReplyKind, Intent, ClarifyOption } from './types.js';

/** Messages are read up to this length; the rest cannot change which answer fits. */
const MAX_READ = 2000;
const MAX_ANSWER = 1900;
const PLACEHOLDER = /\[(?:hemmeleg|fødselsnummer|kortnummer|kontonummer)\]/;

interface Reading {
  normalised: string;
  codes: FoundCodes;
  intents: IntentMatch;
  terms: Term[];
}

export function createEngine(pack: ContentPack, tuning: Partial<Tuning> = {}): Engine {
  const t = { ...DEFAULT_TUNING, ...tuning };
  const analyser = new Analyser(pack.vocabulary);
  const index = new TopicIndex(pack.topics, analyser, t);
  const recogniser = new IntentRecogniser(pack.vocabulary.intents);
  const codeTopic = new Map<string, Topic>();
  for (const topic of pack.topics) for (const c of topic.codes) codeTopic.set(c, topic);
  const knownCodes = new Set(codeTopic.keys());
  const domain = new Set(pack.vocabulary.domain);
  const generic = new Set(pack.vocabulary.generic);
  const common = new Set(pack.bank.commonProblems);
  const pointers = new Set(pack.vocabulary.pointers.map((w) => normalise(w)));
  const fill = (text: string, extra: Record<string, string> = {}) =>
    text.replace(/\{(\w+)\}/g, (whole, key: string) =>
      ({ phone: pack.bank.phone, bankName: pack.bank.name, errorLink: pack.bank.links['feilmeldingar'] ?? 'bankid.no/feilmeldingar', hours: pack.bank.openingHours, ...extra })[key] ?? whole,
    );

  function read(text: string): Reading {
    const normalised = normalise(text.slice(0, MAX_READ));
    return {
      normalised,
      codes: findErrorCodes(normalised, knownCodes),
      intents: recogniser.recognise(normalised),
      terms: analyser.analyse(normalised),
    };
  }

  function reply(turns: readonly string[]): Reply {
    const redacted = turns.map((t) => redact(t));
    const sharedSecret = redacted.length > 0 && (redacted.at(-1)!.found.length > 0 || PLACEHOLDER.test(turns.at(-1)!));
    const base = respond(redacted.map((r) => r.text));
    if (!sharedSecret) return base;
    return { ...base, sharedSecret, text: `${base.text}\n\n${pack.messages.privacy}` };
  }

  function respond(turns: readonly string[]): Reply {
    const current = read(turns.at(-1) ?? '');
    const earlier = turns.slice(0, -1).map(read);
    const { intents, codes } = current;
    if (!current.normalised) return make('clarify', 'no-match', pack.messages.empty);
    // Only symbols ("?!?!"): nothing to go on, so offer a person.
    if (!/[\p{L}\p{N}]/u.test(current.normalised)) return make('handoff', 'no-match', fill(pack.messages.noMatch));
    if (intents.urgent.length) return { ...make('handoff', 'urgent', fill(pack.messages.urgent)), urgent: true };
    if (intents.human) return make('handoff', 'human', fill(pack.messages.human));
    if (codes.known.length || codes.unknown.length) return codeReply(codes);
    const rest = read(intents.rest);
    // "takk!", "ok, takk": an acknowledgement, short and naming no problem.
    if (intents.thanks && !saysWhatIsWrong(rest) && words(intents.rest).length <= 3) return make('answer', 'thanks', fill(pack.messages.thanks));
    if (intents.notHelped && (earlier.length > 0 || !saysWhatIsWrong(current))) {
      return make('handoff', 'not-helped', fill(pack.messages.notHelped));
    }

    let ranked = index.rank(current.terms);
    let decision = decide(ranked, index.specificTerms(current.terms, generic).length, t);
    let aboutBankId = current.terms.some((x) => domain.has(x.term));
    let outOfScope = intents.outOfScope.length > 0;
    if (earlier.length && (!isConfident(decision, t) || isFollowUp(current))) {
      // A follow-up ("kva gjer eg no?", "eg har iPhone", "kan ho få det?") is read with what came before.
      const previousCodes = earlier.at(-1)!.codes;
      // "kva gjer eg no?", "har prøvd Chrome og Edge, same feil": still about the code before.
      if (previousCodes.known.length && index.specificTerms(current.terms, generic).length <= 1) return codeReply(previousCodes);
      const partial = partialCode([...earlier.map((r) => r.normalised), current.normalised].join(' \n '));
      if (partial) return partial;
      const terms = [...current.terms, ...earlier.flatMap((r) => r.terms.map((x) => ({ ...x, weight: x.weight * t.contextWeight })))];
      const withContext = index.rank(terms);
      const contextual = decide(withContext, index.specificTerms(terms, generic).length, t);
      if (contextual.kind !== 'none' || decision.kind === 'none') {
        ranked = withContext;
        decision = contextual;
      }
      outOfScope ||= earlier.some((r) => r.intents.outOfScope.length > 0) && !isConfident(decision, t);
      aboutBankId ||= earlier.some((r) => r.terms.some((x) => domain.has(x.term)));
      if (!isConfident(decision, t) && previousCodes.known.length) return codeReply(previousCodes);
    } else {
      const partial = partialCode(current.normalised);
      if (partial) return partial;
    }
    // Banking outside BankID goes to an advisor, unless the message is about BankID too and a topic fits well.
    if (outOfScope && (!aboutBankId || decision.kind !== 'answer' || (decision.best.score < t.inScopeScore && decision.best.questionMatch < t.inScopeScore))) {
      return explain(make('handoff', 'out-of-scope', fill(pack.messages.outOfScope)), ranked);
    }
    // "hei" or "takk!", or a greeting with nothing the engine can place.
    if ((intents.greeting || intents.thanks) && (!saysWhatIsWrong(rest) || decision.kind === 'none')) {
      return intents.thanks ? make('answer', 'thanks', fill(pack.messages.thanks)) : make('answer', 'greeting', fill(pack.messages.greeting));
    }
    return explain(fromDecision(withCommonProblems(decision, ranked, current)), ranked);
  }

  /**
   * A message that names no problem at all ("får ikkje logga inn med BankID") is asked back with
   * the bank's common problems among the topics it fits, rather than whatever ranked first.
   */
  function withCommonProblems(decision: Decision, ranked: readonly Ranked[], r: Reading): Decision {
    if (decision.kind !== 'clarify' || index.specificTerms(r.terms, generic).length > 0) return decision;
    const fitting = index.rank(r.terms, pack.topics.length).filter((x) => common.has(x.topic.id));
    return fitting.length >= 2 ? { kind: 'clarify', options: fitting.slice(0, t.maxOptions) } : decision;
  }

  /** Short, or pointing back ("den", "det", "it"): the message leans on what was said before. */
  function isFollowUp(r: Reading): boolean {
    return index.specificTerms(r.terms, generic).length <= 2 || words(r.normalised).some((w) => pointers.has(w));
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
      options: topics.slice(0, t.maxOptions).map((topic) => ({ topicId: topic.id, label: topic.title })),
    };
  }

  /** Whether a message names a problem, beyond greetings, thanks and filler (typo guesses do not count). */
  function saysWhatIsWrong(r: Reading): boolean {
    return r.terms.some((x) => x.weight >= 0.9 && index.has(x.term) && !generic.has(x.term));
  }

  function fromDecision(decision: Decision): Reply {
    switch (decision.kind) {
      case 'answer':
        return answer([decision.best.topic], 'topic');
      case 'clarify':
        return {
          ...make('clarify', 'ambiguous', pack.messages.clarify),
          options: decision.options.map((r) => ({ topicId: r.topic.id, label: r.topic.title })),
        };
      case 'none':
        return make('handoff', 'no-match', fill(pack.messages.noMatch));
    }
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

  function explain(r: Reply, ranked: readonly Ranked[]): Reply {
    return { ...r, explanation: ranked.map((x) => ({ topicId: x.topic.id, score: Math.round(x.score * 1000) / 1000 })) };
  }

  return {
    reply,
    suggest(text, limit = 3) {
      return index.rank(read(text).terms, limit).map((r) => ({ topicId: r.topic.id, title: r.topic.title, answer: r.topic.answer, score: r.score }));
    },
  };
}
