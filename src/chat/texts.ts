// The chat service's own short texts in nynorsk (queue, opening hours, hand-over). The bot's
// answers come from the content pack; these describe what the service did.
// TODO(content): move into content/messages.yaml once its schema has keys for them.
import { DateTime } from 'luxon';

const minutes = (seconds: number) => Math.max(1, Math.round(seconds / 60));

export const texts = {
  queued: (position: number, waitSeconds: number) =>
    `Du er nummer ${position} i køen. Venta tid er om lag ${minutes(waitSeconds)} minutt. Du treng ikkje gjenta noko – rådgjevaren ser heile samtalen.`,
  closedHours: (phone: string, opensAt: Date | null, timeZone: string) =>
    `Kundesenteret er stengt no. ${
      opensAt ? `Vi opnar igjen ${DateTime.fromJSDate(opensAt, { zone: timeZone }).setLocale('nn').toFormat("cccc d. LLLL 'kl.' HH:mm")}. ` : ''
    }Du kan legge igjen ei melding og telefonnummer eller e-post, så kontaktar vi deg. Hastar det, ring ${phone}.`,
  callback: () => 'Takk! Vi har fått meldinga di og kontaktar deg så snart kundesenteret er ope.',
  claimed: (name: string) => `${name} frå kundesenteret har teke over samtalen.`,
  transferred: () => 'Samtalen er send tilbake til køen. Neste ledige rådgjevar tek over.',
  closed: () => 'Samtalen er avslutta. Takk for at du tok kontakt!',
};
