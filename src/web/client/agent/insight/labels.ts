// The dashboard's words for the service's codes.
import type { HandoffReason, LanguageFilter } from '../../types.js';

export const reasonLabels: Record<HandoffReason, string> = {
  human: 'Kunden ville snakke med ein person',
  'not-covered': 'Hjelpa svarar ikkje på spørsmålet',
  'out-of-scope': 'Spørsmål utanfor BankID',
  urgent: 'Hastar (svindel eller risiko)',
  'not-helped': 'Svaret hjelpte ikkje',
  'no-match': 'Boten fann ikkje noko svar',
  other: 'Anna',
};

export const languageLabels: Record<LanguageFilter, string> = { all: 'Alle språk', nn: 'Nynorsk', nb: 'Bokmål', en: 'Engelsk' };

export const scoreLabels: Record<number, string> = { 1: 'Svært misnøgd', 2: 'Misnøgd', 3: 'Verken nøgd eller misnøgd', 4: 'Nøgd', 5: 'Svært nøgd' };

/** The same, short enough for the chart's axis at 360 px. */
export const shortReasonLabels: Record<HandoffReason, string> = {
  human: 'Ville ha ein person',
  'not-covered': 'Ikkje i hjelpa',
  'out-of-scope': 'Utanfor BankID',
  urgent: 'Hastar',
  'not-helped': 'Hjelpte ikkje',
  'no-match': 'Fann ikkje svar',
  other: 'Anna',
};
