// Finds what the customer calls a password, PIN or one-time code: "passordet mitt er Sommar2024!",
// "PIN-kode: 1234", "engangskoden frå brikka 123456". The trigger word stays; the token goes.
import { isOnlyPlaceholders, isPlaceholder, type Span } from './pii.js';

/**
 * Longest alternatives first, so "PIN-kode" is one trigger and not "PIN" then "kode". The last,
 * captured group, bare "kode"/"code", is weak: it also names BankID error codes ("koden er 14B1").
 */
const TRIGGER = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])(?:` +
    [
      'kodebrikke-?kod(?:e|en)',
      '(?:engangs|eingongs)(?:kod(?:e|en)|passord(?:et)?)',
      'one[- ]?time[- ](?:code|password|passcode)',
      'pin[- ]?kod(?:e|en)',
      'passord(?:et|a|ene)?',
      'passwords?',
      'passcode',
      'passwd',
      'pwd?',
      'pin',
      'otp',
      // Weak: bare "kode" also names error codes; the code chip names its display.
      '(kod(?:e|en)|code|kodebrikk(?:a|en|e)|brikk(?:a|en))',
    ].join('|') +
    String.raw`)(?![\p{L}\p{N}_])`,
  'giu',
);

/** Words allowed between the trigger and the token: "passordet mitt er …", "my code is …". */
const CONNECTORS = new Set(['er', 'e', 'var', 'blir', 'no', 'nå', 'altså', 'is', 'was', '-', '–']);
/** "koden min er 1234" is the customer's own code, not an error code: treat it as strong. */
const POSSESSIVES = new Set(['min', 'mi', 'mitt', 'mine', 'my']);
/** "passordet mitt er" needs two; more would let the token drift away from the trigger. */
const MAX_CONNECTORS = 3;

/** Not secrets even after a trigger. Plain lowercase words never are; this also covers "Gløymt!". */
const COMMON = new Set(
  ('gløymt glemt gløymd sperra sperret låst blokkert feil riktig rett borte ugyldig utløpt ' +
    'endra endret ny nytt gamle gammelt same samme ikkje ikke ' +
    'forgotten forgot wrong locked blocked lost expired invalid correct not new old').split(' '),
);

/**
 * What a password "is" in an ordinary sentence: "passordet mitt er utgått". Only these stay after
 * "passordet mitt er …" at the end of a clause; any other single word there is the password.
 */
const STATES = new Set(
  ('utgått utgått. gått ut kjent lekt lekka lekket stole stolen stjålet hacka hacket kompromittert ' +
    'endra endret byta byttet bytt nullstilt nullstila tilbakestilt sletta slettet kort langt lang ' +
    'svakt sterkt trygt greitt grei ok okay fint vekk vekke borte ute tapt mista mistet gammalt gamalt gamal gammel ' +
    'fine good weak strong safe secure short long gone leaked stolen hacked changed reset compromised ' +
    'known same here there this that it').split(' '),
);
/** Words that are not a password when they stand before "er passordet mitt" ("Det er …"). */
const FUNCTION_WORDS = new Set(
  ('det dette den denne der her kva hva kor korleis hvordan som og eller men så no nå da då ' +
    'problemet saka greia tingen feilen it this that what here there which the so and but').split(' '),
);

/** BankID error codes such as "BID-14B1", "BID 2031", "14d1" are needed to answer, never secret. */
const ERROR_CODE = /^(?:bid(?:[-_ ]|$)|\d{2}[a-z]\d{0,2}$)/iu;

/**
 * Longer tokens are withheld whole without a closer look (fail closed): nobody types that much
 * ordinary text without a space right after "passord:", and a pasted blob may well be the secret.
 */
const MAX_TOKEN = 128;
const GAP = /[\s:=]*/uy;
const SPACE = /\s/u;
const SENTENCE_END = /[.,;:!?)]+$/u;
const EDGE_START = /^[(«“„"'‘`]+/u;
const EDGE_END = /[.,;:!?)»”"'’`]+$/u;
const QUOTES: Readonly<Record<string, string>> = { '"': '"”', "'": "'’", '`': '`', '«': '»', '“': '”"', '„': '“”', '‘': '’' };
/** A standalone six-digit code, "123456" or "123 456": not part of a longer number or word. */
const SIX_DIGITS = /(?:\d{6}|\d{3}[ \u00a0]\d{3})(?![\p{L}\p{N}_]|[ .\-\u00a0\u2009\u202f]\d)/uy;
const PLAIN_WORD = /^\p{L}+[,:]?$/u;
/** How many plain words may sit between the first token and a six-digit code. */
const MAX_FILLERS = 3;

interface Word {
  start: number;
  end: number;
  /** The word, or its first MAX_TOKEN + 1 characters when it is longer. */
  text: string;
}

/** Where the non-space run at each index ends; computed once, so reading words stays linear. */
function runEnds(text: string): Int32Array {
  const ends = new Int32Array(text.length + 1);
  ends[text.length] = text.length;
  for (let i = text.length - 1; i >= 0; i--) ends[i] = SPACE.test(text.charAt(i)) ? i : (ends[i + 1] ?? i);
  return ends;
}

/** Reads words; a word also ends where the next trigger starts ("pw:Abc1,pin:1234" is two). */
class Reader {
  private readonly ends: Int32Array;
  constructor(
    private readonly text: string,
    /** Start of every trigger, ascending. */
    readonly triggerStarts: number[],
  ) {
    this.ends = runEnds(text);
  }

  read(from: number): Word | null {
    GAP.lastIndex = from;
    GAP.exec(this.text);
    const start = GAP.lastIndex;
    const end = Math.min(this.ends[start] ?? start, this.triggerAfter(start));
    if (end <= start) return null;
    return { start, end, text: this.text.slice(start, Math.min(end, start + MAX_TOKEN + 1)) };
  }

  isTriggerStart(pos: number): boolean {
    return this.triggerAfter(pos - 1) === pos;
  }

  /** The first trigger start after pos (binary search), or the text's length. */
  private triggerAfter(pos: number): number {
    const starts = this.triggerStarts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] ?? Infinity) > pos) hi = mid;
      else lo = mid + 1;
    }
    return starts[lo] ?? this.text.length;
  }
}

const bare = (w: Word): string => w.text.toLowerCase().replace(/[:=,.!?]+$/u, '');

/** The range of a word to replace, or null if the word does not look like a secret. */
function secretRange(w: Word, strong: boolean): { start: number; end: number } | null {
  if (ERROR_CODE.test(w.text)) return null;
  if (w.end - w.start > MAX_TOKEN) return { start: w.start, end: w.end };
  // 'quoted' tokens are secret whatever they hold: the customer marked them as the code.
  const trimmed = w.text.replace(SENTENCE_END, '');
  const closers = QUOTES[trimmed.charAt(0)];
  const quoted = trimmed.length > 2 && closers !== undefined && closers.includes(trimmed.charAt(trimmed.length - 1));
  const lead = quoted ? 0 : (EDGE_START.exec(trimmed)?.[0].length ?? 0);
  const core = quoted ? trimmed.slice(1, -1) : w.text.slice(lead).replace(EDGE_END, '');
  const range = { start: w.start + lead, end: w.start + lead + (quoted ? trimmed.length : core.length) };
  const length = [...core].length;
  // A placeholder from an earlier pass stays, even with a control character stuck to it.
  if (length === 0 || isPlaceholder(core.replace(/[\p{Cc}\p{Cf}]/gu, '')) || isOnlyPlaceholders(w.text) || ERROR_CODE.test(core)) return null;
  if (!strong && length <= 4) return null; // "koden er 1437" names an error code more often than a PIN
  if (quoted) return range;
  if (length < 4 || COMMON.has(core.toLowerCase())) return null; // "pin er feil", "eg er 15"
  const hasDigit = /\p{Nd}/u.test(core);
  const mixedCase = /\p{Ll}/u.test(core) && /\p{Lu}/u.test(core.replace(/^./su, ''));
  const symbol = /[^\p{L}\p{M}\p{Nd}\p{Extended_Pictographic}\u200d\ufe0f\-/'’.]/u.test(core);
  return hasDigit || mixedCase || symbol ? range : null;
}

/**
 * For each trigger: skip connectors, test the first other word; if that is not a secret, look
 * past up to MAX_FILLERS plain words for a six-digit code ("engangskoden frå brikka 123456").
 *
 * Idempotence: a token never starts at a trigger and ends before the next one, so no redaction
 * touches a trigger or another trigger's token; connectors and plain words are never redacted.
 * A second pass therefore reads the same words and finds only placeholders where secrets were.
 */
export function findSecrets(text: string): Span[] {
  const triggers = [...text.matchAll(TRIGGER)];
  if (triggers.length === 0) return [];
  const reader = new Reader(text, triggers.map((m) => m.index));
  const spans: Span[] = [];
  for (const m of triggers) {
    let strong = m[1] === undefined;
    const before = wordsBefore(text, m.index, 2);
    let claimed = before.length > 0 && POSSESSIVES.has(before[before.length - 1]!.text.toLowerCase()); // "my password"
    let stated = false;
    let clauseEnded = /[.!?]$/u.test(m[0]);
    let w = reader.read(m.index + m[0].length);
    for (let n = 0; w && !clauseEnded && n < MAX_CONNECTORS && (CONNECTORS.has(bare(w)) || POSSESSIVES.has(bare(w))); n++) {
      if (POSSESSIVES.has(bare(w))) strong = claimed = true;
      else stated = true;
      clauseEnded = /[.!?]$/u.test(w.text);
      w = reader.read(w.end);
    }
    const endsClause = clauseEnded || w === null || /^[.!?]/u.test(w.text) || /\n/u.test(text.slice(m.index, w.start));
    const backward = secretBefore(text, before, claimed, endsClause);
    if (clauseEnded) {
      if (backward) spans.push({ ...backward, kind: 'secret' });
      continue;
    }
    if (backward) spans.push({ ...backward, kind: 'secret' });
    if (!w || reader.isTriggerStart(w.start)) continue; // "pin pin 1234": the second one has the token
    const range = secretRange(w, strong) ?? (claimed && stated ? statedWord(text, w) : null);
    if (range) {
      spans.push({ ...range, kind: 'secret' });
      continue;
    }
    for (let fillers = 0; w && fillers <= MAX_FILLERS; fillers++) {
      SIX_DIGITS.lastIndex = w.start;
      if (SIX_DIGITS.test(text)) {
        spans.push({ start: w.start, end: SIX_DIGITS.lastIndex, kind: 'secret' });
        break;
      }
      if (w.end - w.start > MAX_TOKEN || !PLAIN_WORD.test(w.text)) break;
      w = reader.read(w.end);
    }
  }
  return spans;
}

/** Up to `count` words ending right before `end`, nearest last, on the same line. */
function wordsBefore(text: string, end: number, count: number): Word[] {
  const words: Word[] = [];
  let at = end;
  while (words.length < count) {
    let e = at;
    while (e > 0 && /[ \t]/u.test(text.charAt(e - 1))) e--;
    let b = e;
    while (b > 0 && e - b <= MAX_TOKEN && !SPACE.test(text.charAt(b - 1))) b--;
    if (b === e || e - b > MAX_TOKEN) break; // a run that long is read forward, if at all
    words.unshift({ start: b, end: e, text: text.slice(b, e) });
    at = b;
  }
  return words;
}

/**
 * "Hemmeleg123 er passordet mitt": the word before "er" right before the trigger. It goes when it
 * looks like a secret, or when the clause is only "X er passordet mitt" and X is not "det", "her" …
 */
function secretBefore(text: string, before: Word[], claimed: boolean, endsClause: boolean): { start: number; end: number } | null {
  if (before.length < 2 || !['er', 'is', 'var', 'was', 'e'].includes(before[1]!.text.toLowerCase())) return null;
  const w = before[0]!;
  if (isOnlyPlaceholders(w.text) || isPlaceholder(w.text)) return null;
  const looks = secretRange(w, true);
  if (looks) return looks;
  const core = w.text.replace(EDGE_END, '').replace(EDGE_START, '');
  const clauseStart = w.start === 0 || /[.!?\n]\s*$/u.test(text.slice(Math.max(0, w.start - 3), w.start));
  if (!claimed || !endsClause || !clauseStart || !/^\p{L}{3,}$/u.test(core)) return null;
  if (FUNCTION_WORDS.has(core.toLowerCase()) || COMMON.has(core.toLowerCase())) return null;
  const lead = w.text.indexOf(core);
  return { start: w.start + lead, end: w.start + lead + core.length };
}

/**
 * Words that begin the rest of the sentence after the password: "passordet mitt er sommarfugl men
 * det virkar ikkje". The word before one of them stands alone as the password, as at a full stop.
 */
const GOES_ON = new Set(
  ('og men eller så vil ville virkar verkar virker fungerer funkar funker går gjekk gikk kjem kommer blir ' +
    'and but or so will would works worked does doesnt doesn\'t dont don\'t won\'t isnt isn\'t').split(' '),
);

/** "passordet mitt er sommarfugl": one plain word that ends the clause is the password itself. */
function statedWord(text: string, w: Word): { start: number; end: number } | null {
  const core = w.text.replace(EDGE_START, '').replace(EDGE_END, '');
  if (!/^\p{L}{3,}$/u.test(core)) return null;
  const lower = core.toLowerCase();
  if (COMMON.has(lower) || STATES.has(lower) || FUNCTION_WORDS.has(lower)) return null;
  const next = /^[ \t]*(\S|\n|$)/u.exec(text.slice(w.end))?.[1] ?? '';
  const after = /^[ \t]*(\p{L}+['’]?\p{L}*)/u.exec(text.slice(w.end))?.[1]?.toLowerCase() ?? '';
  const endsClause = /[.!?,;]$/u.test(w.text) || next === '' || next === '\n' || /[.!?,;]/u.test(next) || GOES_ON.has(after);
  if (!endsClause) return null;
  const lead = w.text.indexOf(core);
  return { start: w.start + lead, end: w.start + lead + core.length };
}
