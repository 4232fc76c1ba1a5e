// What went wrong, as the console says it: the service's error codes (src/chat/errors.ts) in words.
import { ApiError } from '../http.js';

export function problemText(e: unknown): string {
  if (e instanceof ApiError) {
    switch (e.code) {
      case 'ERR_INVALID_TRANSITION':
        return 'Nokon andre har endra samtalen. Køen er oppdatert.';
      case 'ERR_NOT_YOUR_CONVERSATION':
        return 'Ein annan rådgjevar har denne samtalen.';
      case 'ERR_CONVERSATION_CLOSED':
        return 'Samtalen er avslutta.';
      case 'ERR_EMAIL_TAKEN':
        return 'Det finst alt ein brukar med den e-postadressa.';
      case 'ERR_NOT_FOUND':
        return 'Fann det ikkje. Last sida på nytt.';
      case 'ERR_FORBIDDEN':
        return 'Du har ikkje tilgang til dette.';
      case 'ERR_VALIDATION':
        return `Sjekk felta: ${e.message}`;
      case 'ERR_RATE_LIMITED':
        return 'For mange forsøk. Vent litt og prøv igjen.';
      case 'ERR_LOGIN_REQUIRED':
        return 'Kunden er ikkje lenger innlogga med BankID. Be kunden logge inn på nytt i chatten.';
      case 'ERR_UPSTREAM':
        return 'Kundeopplysningane kan ikkje hentast akkurat no. Prøv igjen om litt.';
      case 'ERR_ACTION_UNAVAILABLE':
        return 'Banken har ikkje postadressa til kunden. Registrer adressa før du bestiller.';
    }
  }
  return 'Noko gjekk gale. Prøv igjen.';
}
