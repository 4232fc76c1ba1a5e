import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContentPack } from '../content/index.js';
import { createEngine } from './index.js';

const pack = loadContentPack('content');
const engine = createEngine(pack);
const ask = (...turns: string[]) => engine.reply(turns);

describe('engine', () => {
  it('answers a known error code with its topic', () => {
    const r = ask('fekk BID-14B1 no');
    expect(r.kind).toBe('answer');
    expect(r.sources).toEqual(['bid-14b1']);
    expect(r.text).toContain('tidsavbrot ved innlogging');
  });

  it('answers several codes in one message', () => {
    expect(ask('først BID-1437 og så bid 5007').sources).toEqual(['bid-1437', 'bid-5000']);
  });

  it('says an unknown BID code is not in the list, points to bankid.no and offers an advisor', () => {
    const r = ask('står BID-9X99 på skjermen');
    expect(r.intent).toBe('unknown-code');
    expect(r.text).toContain('bankid.no/feilmeldingar');
    expect(r.text).toMatch(/rådgjevar/);
  });

  it('reads a misremembered code by the words around it, when it is one slip from a known one', () => {
    const r = ask('Får BID-1343 heile tida, står at tenesta ikkje er tilgjengeleg for augneblinken');
    expect(r.sources).toEqual(['bid-1433']);
    // The code alone says too little: it is not in the list.
    expect(ask('fekk BID-1473 i går kveld').intent).toBe('unknown-code');
  });

  it('understands bokmål, English and missing æøå for the same topic', () => {
    for (const m of ['eg har gløymt bankid-passordet', 'jeg har glemt passordet til bankid', 'I forgot my BankID password', 'gloymt pasordet til bankid']) {
      expect(ask(m).sources, m).toContain('forgot-password');
    }
  });

  it('hands over urgently on fraud, with the phone number', () => {
    const r = ask('eg trykte på ei lenke i ein sms og skreiv inn bankid-passordet mitt');
    expect(r).toMatchObject({ kind: 'handoff', urgent: true });
    expect(r.text).toContain(pack.bank.phone);
  });

  it('hands over when a person is asked for, and for banking outside BankID', () => {
    expect(ask('kan eg få snakke med eit menneske?')).toMatchObject({ kind: 'handoff', intent: 'human' });
    expect(ask('kva er renta på bustadlån hos dykk?')).toMatchObject({ kind: 'handoff', intent: 'out-of-scope' });
  });

  it('asks back when several topics fit', () => {
    const r = ask('kodebrikka funkar ikkje');
    expect(r.kind).toBe('clarify');
    expect(r.options.length).toBeGreaterThanOrEqual(2);
  });

  it('reads a question after a greeting as if it came alone', () => {
    for (const greeting of ['Hei', 'hello', 'god morgon!']) {
      const after = ask(greeting, 'Eg har gløymt passordet til BankID');
      expect(after.kind).toBe(ask('Eg har gløymt passordet til BankID').kind);
      expect(after.sources).toEqual(ask('Eg har gløymt passordet til BankID').sources);
      expect(ask(greeting, 'Jeg har spørsmål om Uten BankID').intent).not.toBe('greeting');
    }
  });

  it('reads a follow-up against the earlier turn', () => {
    expect(ask('fekk BID-1433', 'kva skal eg gjere med det?').sources).toEqual(['bid-1433']);
  });

  it('greets back and thanks back without a topic', () => {
    expect(ask('hei')).toMatchObject({ kind: 'answer', intent: 'greeting', sources: [] });
  });

  it('reminds the customer never to share a password, and never repeats it', () => {
    const r = ask('passordet mitt er Hemmeleg123 og det verkar ikkje');
    expect(r.sharedSecret).toBe(true);
    expect(r.text).not.toContain('Hemmeleg123');
    expect(r.text).toMatch(/Del aldri passord/);
  });

  it('never invents text: every answer is made of the sources\' own answers', () => {
    const answers = new Map(pack.topics.map((t) => [t.id, t.answer]));
    for (const m of ['appen berre snurrar', 'BID-1403', 'treng eg kodebrikke?', 'korleis får eg bankid']) {
      const r = ask(m);
      if (r.kind === 'answer' && r.sources.length) expect(r.text.startsWith(answers.get(r.sources[0]!)!)).toBe(true);
    }
  });

  it('asks back with the bank\'s common problems when a message names none', () => {
    const r = ask('får ikkje logga inn med bankid');
    expect(r.kind).toBe('clarify');
    for (const o of r.options) expect(pack.bank.commonProblems).toContain(o.topicId);
  });

  it('asks which code when the customer only remembers how it began', () => {
    const r = ask('fekk ein feilkode', 'hugsar ikkje heile, det var 14 og ein bokstav');
    expect(r.kind).toBe('clarify');
    expect(r.options.map((o) => o.topicId).sort()).toEqual(['bid-14b1', 'bid-14d1']);
  });

  it('reads a pointing follow-up with the earlier turn, even when it would fit a topic alone', () => {
    expect(ask('dottera mi er 13', 'kan ho få bankid?').sources).toEqual(['children']);
  });

  it('hands over when the customer says the answer did not help', () => {
    expect(ask('BID-1437', 'prøvd igjen, same feil')).toMatchObject({ kind: 'handoff', intent: 'not-helped' });
    expect(ask('BID-1437', 'BID-1437 igjen, det hjalp ikkje')).toMatchObject({ kind: 'handoff', intent: 'not-helped' });
    // A new code is a new question, even in words that sound like "same error".
    expect(ask('fekk BID-1433 i går', 'no kjem BID-1437 i staden, er det same feilen?').sources).toEqual(['bid-1437']);
  });

  it('answers other banking only where it is about BankID too', () => {
    expect(ask('loggar inn utan bankid', 'kan eg søke om kredittkort då?').sources).toEqual(['utan-bankid-limits']);
    expect(ask('kva kostar eit visakort?')).toMatchObject({ kind: 'handoff', intent: 'out-of-scope' });
    // About BankID, but the bank's help has no answer: said honestly, and an advisor offered.
    expect(ask('er det noko gebyr for bankid?')).toMatchObject({ kind: 'handoff', intent: 'not-covered' });
  });

  it('hands over at once when the customer wants their BankID blocked', () => {
    expect(ask('eg vil sperre bankid-en min')).toMatchObject({ kind: 'handoff', urgent: true });
    expect(ask('bankid-en min er sperra')).toMatchObject({ kind: 'answer', sources: ['bankid-blocked'] });
  });

  it('does not hear typing one\'s own password wrongly as giving it away', () => {
    expect(ask('har tasta feil passord for mange gonger og no er bankid sperra, korleis får eg opna ho att?')).toMatchObject({ urgent: false, sources: ['bankid-blocked'] });
    expect(ask('ein som ringde frå banken fekk passordet mitt, eg skreiv det inn for han').urgent).toBe(true);
  });

  it('does not take a denied action for an emergency', () => {
    expect(ask('fekk sms om id-kontroll med lenke, er det svindel? har ikkje trykt på lenka').urgent).toBe(false);
    expect(ask('fekk sms om id-kontroll, trykte på lenka og skreiv inn passordet').urgent).toBe(true);
  });

  describe('conversation: the latest message first, earlier turns only when it leans on them', () => {
    it('answers a clear new question after an error code on its own', () => {
      expect(ask('BID-14B1', 'appen min berre snurrar')).toMatchObject({ kind: 'answer', sources: ['app-spinning'] });
      expect(ask('fekk BID-1437', 'eg har gløymt passordet mitt')).toMatchObject({ kind: 'answer', sources: ['forgot-password'] });
    });

    it('reads a short follow-up with the question before it', () => {
      expect(ask('BID-14B1', 'kva gjer eg no?').sources).toEqual(['bid-14b1']);
    });

    it('lets context win for a follow-up only when it makes the reading surer', () => {
      const r = ask('eg har fått ny mobil', 'korleis flyttar eg bankid-appen over?');
      expect(r.sources).toEqual(['new-phone']);
    });
  });

  describe('what the bank\'s help does not answer', () => {
    it('says so honestly about a BankID question none of its texts covers, and offers an advisor', () => {
      const r = ask('kva er eigentleg BankID og kven står bak det?');
      expect(r).toMatchObject({ kind: 'handoff', intent: 'not-covered' });
      expect(r.text).toContain('bankid.no');
      expect(r.text).toMatch(/rådgjevar/);
    });

    it('hands over other banking and small talk, never asks them back', () => {
      expect(ask('kor mykje kan eg låne til bustad?')).toMatchObject({ kind: 'handoff', intent: 'out-of-scope' });
      expect(ask('kven vann fotball-VM i 2018?').kind).toBe('handoff');
    });
  });

  it('says in English that the answer is in Norwegian, and only to English messages', () => {
    expect(ask('my bankid app keeps spinning, what should I do?').text).toMatch(/Our help texts are in Norwegian/);
    expect(ask('appen min berre snurrar').text).not.toMatch(/Norwegian/);
    expect(ask('appen min bare spinner, hva gjør jeg?').text).not.toMatch(/Norwegian/);
  });

  it('tells the advisor which kind of risk an urgent message is', () => {
    const r = ask('ein som sa han var frå banken ringde, og eg gav han koden frå kodebrikka');
    expect(r).toMatchObject({ kind: 'handoff', urgent: true });
    expect(r.urgentKind).toBeTruthy();
  });

  it('explains every reply with the most probable labels', () => {
    const r = ask('eg har gløymt passordet til bankid');
    expect(r.sources).toEqual(['forgot-password']);
    expect(r.explanation.map((e) => e.label)).toContain('forgot-password');
    expect(r.explanation.length).toBeGreaterThan(1);
    const ps = r.explanation.map((e) => e.p);
    expect(ps).toEqual([...ps].sort((a, b) => b - a));
  });

  it('offers a person when not one word of the message is known, whatever its letters resemble', () => {
    for (const text of ['jkjkjkjk', 'asdkjh qwe zxc', 'xyzzy plugh']) expect(ask(text)).toMatchObject({ kind: 'handoff', intent: 'no-match' });
    // A typo of a known word is known: corrected by the analyser.
    expect(ask('pasord bnakid').kind).not.toBe('handoff');
  });

  it('answers with the general answer when it holds the special one word for word, instead of asking back', () => {
    // forgot-password's answer contains all of password-under-18's: either would be asked back.
    expect(ask('gløymt passordet').sources).toEqual(['forgot-password']);
    expect(ask('gløymt bankid-passordet, er 15 år').sources).toEqual(['password-under-18']);
  });

  it('gives a sensible reply to any input, never a crash (property)', () => {
    const weird = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.constantFrom('', '   ', '\u0000\u0007\u001b', '\ud800', '\udfff abc', '😀😀😀', 'Привет как дела', '你好', 'مرحبا', 'x'.repeat(100_000)),
    );
    fc.assert(
      fc.property(fc.array(weird, { minLength: 1, maxLength: 3 }), (turns) => {
        const r = engine.reply(turns);
        expect(['answer', 'clarify', 'handoff']).toContain(r.kind);
        expect(r.text.length).toBeGreaterThan(0);
        expect(r.text.length).toBeLessThanOrEqual(2000);
      }),
      { numRuns: 300 },
    );
  });
});
