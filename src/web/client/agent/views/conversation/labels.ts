// How the console words a conversation's state, what the bot understood, and how it ended.

export const stateLabels: Record<string, string> = { bot: 'Hos chatboten', queued: 'I kø', advisor: 'Hos rådgjevar', closed: 'Avslutta' };

export const intentLabels: Record<string, string> = {
  topic: 'eit emne i hjelpa',
  'error-code': 'ein feilkode',
  'unknown-code': 'ein ukjend feilkode',
  ambiguous: 'uklart, så boten spurde tilbake',
  greeting: 'ei helsing',
  thanks: 'ei takk',
  human: 'kunden vil snakke med ein person',
  'not-helped': 'svaret hjelpte ikkje',
  'out-of-scope': 'eit spørsmål utanfor BankID',
  'not-covered': 'eit BankID-spørsmål som hjelpa ikkje svarar på',
  'off-topic': 'noko som ikkje gjeld banken',
  'no-match': 'ingenting – boten fann ikkje svar',
  urgent: 'hastar (svindel eller risiko)',
};

/** The outcomes an advisor closes with; the statistics count them. */
export const outcomes = [
  { value: 'løyst', label: 'Løyst' },
  { value: 'ikkje-løyst', label: 'Ikkje løyst' },
  { value: 'sett-over-til-telefon', label: 'Sett over til telefon' },
  { value: 'anna', label: 'Anna' },
];
