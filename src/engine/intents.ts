// Recognises what a message asks for beyond a help topic: a greeting, thanks, a person, "that did
// not help", banking outside BankID, or an emergency. The word lists live in the content pack's
// vocabulary; here they become patterns over folded text ("*" ends a word prefix).
import type { Vocabulary } from '../content/index.js';
import { fold } from './normalise.js';

export interface IntentMatch {
  greeting: boolean;
  thanks: boolean;
  human: boolean;
  notHelped: boolean;
  outOfScope: string[];
  /** Names of the urgent rules that fired. */
  urgent: string[];
  /** Text left after removing greeting and thanks words: empty for "hei!" or "takk". */
  rest: string;
}

type Pattern = RegExp;

function compile(forms: readonly string[]): Pattern {
  const alternatives = [...new Set(forms.map((f) => fold(f.toLowerCase())))]
    .sort((a, b) => b.length - a.length)
    .map((f) => f.split('*').map(escape).join("[\\p{L}\\p{N}'-]*").replace(/ /g, '\\s+'));
  // A form is a whole word: not the tail of a compound ("id-kort" is not "kort").
  return new RegExp(`(?<![\\p{L}\\p{N}'-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

/** A negation just before a word: "har ikkje trykt", "haven't clicked". */
const NEGATION = /(?:^|[^\p{L}])(?:ikkje|ikke|itj|ikkj|ikk|not|never|aldri|didn't|didnt|haven't|havent|hasn't|hasnt|hadn't)(?:\s+\p{L}+)?\s+$/u;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class IntentRecogniser {
  private readonly greeting: Pattern;
  private readonly thanks: Pattern;
  private readonly human: Pattern;
  private readonly notHelped: Pattern;
  private readonly outOfScope: Pattern;
  private readonly urgent: { name: string; all: Pattern[]; none: Pattern | undefined }[];

  constructor(intents: Vocabulary['intents']) {
    this.greeting = compile(intents.greeting);
    this.thanks = compile(intents.thanks);
    this.human = compile(intents.human);
    this.notHelped = compile(intents.notHelped);
    this.outOfScope = compile(intents.outOfScope);
    this.urgent = intents.urgent.map((rule) => ({ name: rule.name, all: rule.all.map(compile), none: rule.none ? compile(rule.none) : undefined }));
  }

  /** `normalised` is the output of normalise(); it is folded here. */
  recognise(normalised: string): IntentMatch {
    const text = fold(normalised);
    const test = (p: Pattern) => {
      p.lastIndex = 0;
      return p.test(text);
    };
    // An urgent rule's words must be meant: "har ikkje trykt på lenka" is not having clicked it.
    const affirmed = (p: Pattern) => [...text.matchAll(p)].some((m) => !NEGATION.test(text.slice(Math.max(0, m.index - 24), m.index)));
    const rest = text.replace(this.greeting, ' ').replace(this.thanks, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    return {
      greeting: test(this.greeting),
      thanks: test(this.thanks),
      human: test(this.human),
      notHelped: test(this.notHelped),
      outOfScope: [...text.matchAll(this.outOfScope)].map((m) => m[0]),
      urgent: this.urgent.filter((rule) => rule.all.every(affirmed) && !(rule.none && test(rule.none))).map((rule) => rule.name),
      rest,
    };
  }
}
