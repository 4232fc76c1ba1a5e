// Finds BankID error codes in a message, in every way customers type them:
// "BID-14B1", "bid 14b1", "BID14B1", "BID 14 B1", "feilkode 1437", "fekk 14d1", "14D1-feil",
// and lists like "BID 2030, 2031 og 20a1".

export interface FoundCodes {
  /** Codes the bank's table lists, upper case, in the order found. */
  known: string[];
  /** Codes that look like BankID codes but are not in the table. */
  unknown: string[];
}

/** "bid" (or a typo of it) then a code, with or without a separator, possibly split in two. */
const WITH_PREFIX = /(?:^|[^a-z0-9])(?:bid|bdi|bib|bod|b-id|bankid)\s*[-:.#]?\s*(?<first>[0-9a-z]{2})(?<gap>\s?-?\s?)(?<second>[0-9a-z]{2})(?![0-9a-z])/g;
/** Further codes in a list after a prefixed one: ", 2031", " og 20a1", " / 5007". */
const LIST_TAIL = /^(?:\s*(?:,|\/|og|and|eller|or|&)\s*(?:bid\s*-?\s*)?([0-9a-z]{4})(?![0-9a-z]))/;
/** A bare four-character token. */
const BARE = /(?:^|[^a-z0-9-])([0-9a-z]{4})(?=$|[^a-z0-9]|-(?:feil|kode|error|melding))/g;
/** Words that say an error code follows or precedes. */
const CONTEXT = /(?:feil|error|kode|code|melding|fekk|fikk|får|far|got|get|kom|står|star|viser|says|shows)/;
const MONEY = /(?:kr|nok|kroner|,-)/;

export function findErrorCodes(normalised: string, knownCodes: ReadonlySet<string>): FoundCodes {
  const found: string[] = [];
  const add = (code: string) => {
    const upper = code.toUpperCase();
    if (!found.includes(upper)) found.push(upper);
  };

  for (const m of normalised.matchAll(WITH_PREFIX)) {
    const { first, gap, second } = m.groups as { first: string; gap: string; second: string };
    const split = /\s/.test(gap) && !knownCodes.has(`${first}${second}`.toUpperCase());
    // "BID-14 og noko": a word after the space, not the code's second half; "BankID. Er 61 år":
    // a word before it, not the first half.
    if (split && (/^[a-z]{2}$/.test(second) || /^[a-z]{2}$/.test(first))) continue;
    const code = asTyped(`${first}${second}`, knownCodes);
    if (!looksLikeCode(code)) continue;
    add(code);
    let rest = normalised.slice(m.index! + m[0].length);
    for (let t = LIST_TAIL.exec(rest); t; t = LIST_TAIL.exec(rest)) {
      if (looksLikeCode(t[1]!)) add(t[1]!);
      rest = rest.slice(t[0].length);
    }
  }

  for (const m of normalised.matchAll(BARE)) {
    const code = m[1]!;
    const upper = code.toUpperCase();
    if (found.includes(upper) || !looksLikeCode(code)) continue;
    const before = normalised.slice(Math.max(0, m.index! - 16), m.index!);
    const after = normalised.slice(m.index! + m[0].length, m.index! + m[0].length + 12);
    if (MONEY.test(before.slice(-4)) || /^\s*(?:kr|nok|,-)/.test(after)) continue;
    // A known code is taken anywhere; an unknown one only when it has a code's shape (14x1) or the
    // words around it say it is an error code (so a year like "2023" stays a year).
    if (knownCodes.has(upper) || /^\d{2}[a-z]\d$/.test(code) || (/^\d{4}$/.test(code) && CONTEXT.test(before + after) && /^(?:1[0-9]|[2-9]0)/.test(code))) {
      add(code);
    }
  }
  return {
    known: found.filter((c) => knownCodes.has(c)),
    unknown: found.filter((c) => !knownCodes.has(c)),
  };
}

/** Four letters or digits with at least two digits: "14b1", "2031", "c161". */
/**
 * After "BID", letters that stand for digits ("BID-5OOO", "bid 14bi") are read as the known code
 * they spell, when they spell one; otherwise the code is kept as typed.
 */
function asTyped(code: string, knownCodes: ReadonlySet<string>): string {
  if (knownCodes.has(code.toUpperCase())) return code;
  const digits = code.replace(/o/g, '0').replace(/[il]/g, '1');
  if (digits !== code && knownCodes.has(digits.toUpperCase())) return digits;
  // "14bi": only the letters in a digit's place (the known code's own letters stay).
  for (const known of knownCodes) {
    const k = known.toLowerCase();
    if (k.length === code.length && [...code].every((ch, i) => ch === k[i] || (/\d/.test(k[i]!) && (ch === 'o' ? '0' : /[il]/.test(ch) ? '1' : ch) === k[i]))) return k;
  }
  return code;
}

function looksLikeCode(code: string): boolean {
  return /^[0-9a-z]{4}$/.test(code) && (code.match(/\d/g)?.length ?? 0) >= 2;
}

/** Words that say the message is about an error code. */
const ERROR_CONTEXT = /(?:feilkode|feilmelding|error|kode|code|bid)/;
/** "BID-14" or "BID-143" with the rest missing. */
const PREFIX_AFTER_BID = /(?:^|[^a-z0-9])bid\s*-?\s*(\d{2,3})(?![0-9a-z])/;
/** Three digits said to be only the start: "143-et-eller-anna", "143…", "143x", "143 something". */
const HALF_TRIPLE = /(?:^|[^a-z0-9.,-])(\d{3})(?:x+(?![a-z0-9])|\s*(?:…|\.\.\.)|\s*-?\s*(?:et|ei|eit|noko|noe|nåke|något|something|eller)(?![a-z]))/;
/** A lone two-digit number; not an age ("eg er 14"), an amount or a version ("macOS 14.5"). */
const LONE_PAIR = /(?:^|[^a-z0-9.,-])(?<!(?:er|e|på|pa|am|is|aged?|kr)\s)(\d{2})(?![0-9a-z]|[.,]\d)/;

/** Whether the message itself says the digits are only the start of a code ("BID-14", "143-noko"). */
export function saysCodeStart(normalised: string): boolean {
  return PREFIX_AFTER_BID.test(normalised) || HALF_TRIPLE.test(normalised);
}

/**
 * The first digits of a code the customer only half remembers: "BID-14…", "feil 143-et-eller-anna",
 * "det var 14 og ein bokstav" (in a conversation about an error code). Undefined when there is none.
 */
export function findCodePrefix(normalised: string): string | undefined {
  const afterBid = PREFIX_AFTER_BID.exec(normalised);
  if (afterBid) return afterBid[1];
  const triple = HALF_TRIPLE.exec(normalised);
  if (triple) return triple[1];
  if (!ERROR_CONTEXT.test(normalised)) return undefined;
  return LONE_PAIR.exec(normalised)?.[1];
}
