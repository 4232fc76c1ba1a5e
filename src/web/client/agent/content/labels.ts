// The content editor's words for the service's codes, and how its figures and times are written.
import type { ContentItemKind, ContentVersion, ItemStatus } from '../../types.js';

export const kindLabels: Record<ContentItemKind, string> = {
  topic: 'Emne',
  'error-code': 'Feilkode',
  messages: 'Assistenten sine tekstar',
  bank: 'Fakta om banken',
  file: 'Anna fil',
};

/** The item's status as published. */
export const statusLabels: Record<ItemStatus, string> = { approved: 'Publisert', draft: 'Utkast', retired: 'Pensjonert' };

export const versionStateLabels: Record<ContentVersion['state'], string> = {
  draft: 'Til gjennomgang',
  approved: 'Publisert',
  rejected: 'Avvist',
  withdrawn: 'Trekt tilbake',
};

/** The languages a training message is written in (content/training). */
export const langLabels: Record<'nn' | 'nb' | 'en' | 'dial' | 'typo', string> = {
  nn: 'Nynorsk',
  nb: 'Bokmål',
  en: 'Engelsk',
  dial: 'Dialekt',
  typo: 'Med skrivefeil',
};

/** The assistant's own texts (messages.yaml), by key: what each one is for. */
export const messageLabels: Record<string, string> = {
  greeting: 'Helsing når chatten opnar',
  thanks: 'Svar når kunden takkar',
  clarify: 'Når assistenten må spørje kva kunden meiner',
  human: 'Når kunden vil snakke med ein person',
  notHelped: 'Når svaret ikkje hjelpte',
  outOfScope: 'Spørsmål utanfor BankID',
  notCovered: 'BankID-spørsmål som ingen av svara dekkjer',
  offTopic: 'Småprat eller noko som ikkje gjeld banken',
  inNorwegian: 'Tillegg på engelsk: svara er på norsk',
  noMatch: 'Når assistenten ikkje fann noko svar',
  urgent: 'Hastesaker (svindel eller risiko)',
  unknownCode: 'Ukjend feilkode',
  privacy: 'Når kunden skriv personopplysningar',
  empty: 'Tom melding',
  queued: 'Kunden står i kø',
  closedHours: 'Kundesenteret er stengt',
  opensAt: 'Når kundesenteret opnar',
  callback: 'Kunden har bedt om å bli ringd opp',
  claimed: 'Ein rådgjevar har teke samtalen',
  transferred: 'Samtalen er send tilbake til køen',
  closed: 'Samtalen er avslutta',
  abandoned: 'Samtalen vart avslutta fordi kunden gjekk',
};

// Nynorsk where the browser knows it, else bokmål, whose figures and dates are written the same
// ("98,8 %", "3. desember 2026 kl. 20:02"); some builds of chromium lack nynorsk's locale data.
const locales = ['nn-NO', 'nb-NO'];
const percent = new Intl.NumberFormat(locales, { style: 'percent', maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat(locales, { timeZone: 'Europe/Oslo', day: 'numeric', month: 'long', year: 'numeric' });
const clock = new Intl.DateTimeFormat(locales, { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit' });

export const percentText = (share: number): string => percent.format(share);
/** "3. desember 2026 kl. 20:02" in Oslo. */
export const whenText = (iso: string): string => `${day.format(new Date(iso))} kl. ${clock.format(new Date(iso))}`;
