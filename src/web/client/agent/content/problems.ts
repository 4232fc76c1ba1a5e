// What went wrong, as the content editor says it: the service's content error codes in words, and
// a field's problem (the content schema's, in English) in nynorsk where we know it. A problem we do
// not know is shown as the service wrote it, marked as English for screen readers.
import { ApiError } from '../../http.js';
import { problemText } from '../problem.js';

/** A problem in nynorsk, and the service's own words when we had no translation. */
export interface Said {
  nn: string;
  en?: string;
}

const known: [RegExp, (m: RegExpExecArray) => string][] = [
  [/lower-case words joined by hyphens/i, () => 'Berre små bokstavar (a–z) og tal, med bindestrek mellom orda, til dømes «gloymt-passord».'],
  [/phone number/i, () => 'Skriv eit telefonnummer, til dømes «57 82 97 00».'],
  [/date YYYY-MM-DD/i, () => 'Skriv datoen som ÅÅÅÅ-MM-DD, til dømes 2026-12-24.'],
  [/four letters or digits/i, () => 'Kvar kode er fire bokstavar eller tal, til dømes 14B1.'],
  [/must not be empty|is missing|required/i, () => 'Dette feltet må fyllast ut.'],
  [/answer must be at least (\d+)/i, (m) => `Svaret må ha minst ${m[1]} teikn.`],
  [/keep it under (\d+)/i, (m) => `Svaret er for langt. Hald det under ${m[1]} teikn.`],
  [/NUL characters/i, () => 'Teksten har eit ugyldig teikn (NUL). Skriv han inn på nytt.'],
  [/Too small: expected (?:string|array) to have >=?(\d+) (characters|items)/i, (m) => `Må ha minst ${m[1]} ${m[2] === 'items' ? 'element' : 'teikn'}.`],
  [/Too big: expected (?:string|array) to have <=?(\d+) (characters|items)/i, (m) => `Kan ha høgst ${m[1]} ${m[2] === 'items' ? 'element' : 'teikn'}.`],
  [/no topic or error code "([^"]+)"/i, (m) => `Det finst ikkje noko emne eller nokon feilkode «${m[1]}».`],
  [/unknown (?:topic|related)[^"]*"([^"]+)"/i, (m) => `Det finst ikkje noko emne «${m[1]}».`],
];

export function fieldProblem(problem: string): Said {
  for (const [re, say] of known) {
    const m = re.exec(problem);
    if (m) return { nn: say(m) };
  }
  return { nn: 'Tenaren godtok ikkje dette. Han seier:', en: problem };
}

/** Who holds the file, from "Kari Nordmann has an open draft of topics/x.md …". */
export function heldBy(message: string): string {
  const who = /^(.*?) has an open draft of/.exec(message)?.[1]?.trim();
  return !who || who === 'another editor' ? 'Ein annan redaktør' : who;
}

export function contentProblem(e: unknown): Said {
  if (e instanceof ApiError) {
    switch (e.code) {
      case 'ERR_DRAFT_HELD': {
        const path = /open draft of (\S+?)(?::|$)/.exec(e.message)?.[1];
        return { nn: `${heldBy(e.message)} har alt eit ope utkast av ${path ?? 'denne fila'}. Det må godkjennast, avvisast eller trekkjast tilbake før nokon andre kan endre fila.` };
      }
      case 'ERR_CONTENT_INVALID': {
        const d = e.details as { file?: string | null; field?: string; problem?: string } | undefined;
        const said = fieldProblem(d?.problem ?? e.message);
        const where = [d?.file, d?.field].filter(Boolean).join(', ');
        return { nn: `Endringa gjer innhaldet ugyldig${where ? ` (${where})` : ''}. ${said.nn}`, ...(said.en ? { en: said.en } : {}) };
      }
      case 'ERR_QUALITY_PENDING':
        return { nn: 'Køyr kvalitetssjekken på denne teksten før du godkjenner.' };
      case 'ERR_QUALITY_FLOOR':
        return { nn: 'Endringa tek kvaliteten under minstekravet. Skriv kvifor ho likevel skal publiserast, og godkjenn på nytt.' };
      case 'ERR_OWN_DRAFT':
        return { nn: 'Du skreiv denne endringa sjølv. Ein annan redaktør eller ein administrator må godkjenne eller avvise ho.' };
      case 'ERR_STALE':
        return { nn: 'Fila er publisert på nytt sidan utkastet vart laga. Trekk utkastet tilbake og gjer endringa i den nye teksten.' };
      case 'ERR_INVALID_TRANSITION':
        return { nn: 'Utkastet er alt avgjort. Sida er oppdatert.' };
      case 'ERR_VALIDATION':
        return { nn: 'Sjekk felta. Tenaren seier:', en: e.message };
      case 'ERR_FORBIDDEN':
        return { nn: 'Du har ikkje tilgang til dette. Innhaldet er berre for redaktørar og administratorar.' };
    }
  }
  return { nn: problemText(e) };
}
