import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { loadContentPack } from '../content/index.js';
import { renderHelpPage, scheduleFor } from './help-page.js';
import { hoursStatus, weekLines, whenText } from './hours.js';
import { escapeHtml, renderMarkdown } from './markdown.js';
import { webRoutes } from './routes.js';
import { renderAgentPage } from './agent-page.js';

const pack = loadContentPack('content');
// A Wednesday at 12:00 in Oslo (open), and the same day at 23:00 (closed).
const wednesdayNoon = new Date('2026-11-25T11:00:00Z');
const wednesdayLate = new Date('2026-11-25T22:00:00Z');

describe('renderHelpPage', () => {
  const page = renderHelpPage(pack, wednesdayNoon);

  it('is in nynorsk with the heading, the chat mount and the error field', () => {
    expect(page).toMatch(/^<!doctype html>\n<html lang="nn">/);
    expect(page).toContain('<h1>BankID</h1>');
    expect(page).toContain('Lastar chat …');
    expect(page).toMatch(/<label for="feilmelding">Skriv inn feilmeldinga di<\/label>/);
    expect(page).toContain('data-mount="#kundesenter-chat"');
  });

  it('contains every topic’s answer, with an anchor per topic, and every error code — without JavaScript', () => {
    for (const topic of pack.topics) {
      expect(page, topic.id).toContain(`id="${topic.id}"`);
      expect(page, topic.id).toContain(`href="#${topic.id}"`);
      if (topic.kind === 'topic') {
        expect(page, topic.id).toContain(renderMarkdown(topic.answer));
        expect(page, topic.id).toContain(`<summary>${escapeHtml(topic.title)}${topic.status === 'draft' ? ' <span class="draft">Utkast</span>' : ''}</summary>`);
      }
      for (const code of topic.codes) expect(page, code).toContain(`BID-${code}`);
    }
    const codes = pack.topics.filter((t) => t.kind === 'error-code');
    expect(page.match(/<tr id="bid-/g)).toHaveLength(codes.length);
  });

  it('marks an answer the bank has not approved yet, when drafts are served', () => {
    expect(page).toMatch(/<summary>Eg har gløymt BankID-passordet\. Korleis får eg nytt\? <span class="draft">Utkast<\/span><\/summary>/);
    expect(page).not.toMatch(/<summary>Korleis får eg BankID\?\s*<span class="draft">/);
  });

  it('groups the questions by category in disclosure sections', () => {
    for (const category of new Set(pack.topics.filter((t) => t.kind === 'topic').map((t) => t.category))) {
      expect(page).toContain(`>${escapeHtml(category)}</h3>`);
    }
    expect(page.match(/<details id=/g)!.length).toBe(pack.topics.filter((t) => t.kind === 'topic').length);
  });

  it('shows the phone number and whether the centre is open', () => {
    expect(page).toContain(pack.bank.phone);
    expect(page).toContain('href="tel:+4757829700"');
    expect(page).toContain('Ope no – til kl. 22:00');
    expect(renderHelpPage(pack, wednesdayLate)).toContain('Stengt – opnar i morgon kl. 07:00');
  });

  it('answers the error field on the server when the form is sent without JavaScript', () => {
    const answered = renderHelpPage(pack, wednesdayNoon, {
      query: '<b>BID-14B1</b>',
      answer: { text: 'Denne feilen skuldast **tidsavbrot**.', sources: ['bid-14b1'], options: [] },
    });
    expect(answered).toContain('Svar på «&lt;b&gt;BID-14B1&lt;/b&gt;»');
    expect(answered).toContain('<strong>tidsavbrot</strong>');
    expect(answered).toContain('value="&lt;b&gt;BID-14B1&lt;/b&gt;"');
  });
});

describe('opening hours wording', () => {
  const schedule = scheduleFor(pack);

  it('says when the centre opens next, over a weekend and on a holiday', () => {
    // Friday 2026-12-25 (Christmas Day) 08:00: holiday hours 10:00–18:00.
    expect(hoursStatus(schedule, new Date('2026-12-25T07:00:00Z')).text).toBe('Stengt – opnar i dag kl. 10:00');
    // Saturday 23:00 → Sunday 10:00.
    expect(hoursStatus(schedule, new Date('2026-11-28T22:00:00Z')).text).toBe('Stengt – opnar i morgon kl. 10:00');
    // Christmas Eve (special day 09:00–12:00) at 13:00 → Christmas Day 10:00.
    expect(hoursStatus(schedule, new Date('2026-12-24T12:00:00Z')).text).toBe('Stengt – opnar i morgon kl. 10:00');
    expect(whenText(new Date('2026-11-30T06:00:00Z'), new Date('2026-11-27T22:00:00Z'), 'Europe/Oslo')).toBe('måndag 30. november kl. 07:00');
  });

  it('lists the week with equal days joined', () => {
    expect(weekLines(schedule)).toEqual(['Måndag–fredag: 07:00–22:00', 'Laurdag–søndag: 10:00–18:00', 'Heilagdagar: 10:00–18:00']);
  });

  it('follows OPENING_HOURS when it overrides the pack', () => {
    // Round the clock on weekdays and weekends; closed on holidays, and Christmas Eve is a special day.
    const late = scheduleFor(pack, 'mon-sun 00:00-24:00');
    expect(hoursStatus(late, wednesdayLate)).toMatchObject({ open: true, text: 'Ope no – til og med onsdag 23. desember' });
    const evenings = scheduleFor(pack, 'mon-fri 07:00-24:00');
    expect(hoursStatus(evenings, wednesdayLate)).toMatchObject({ open: true, text: 'Ope no – til midnatt' });
  });
});

describe('webRoutes', () => {
  async function app() {
    const a = Fastify();
    await a.register(webRoutes, { pack, clock: () => wednesdayNoon, assetsDir: '/nonexistent' });
    return a;
  }

  it('serves the help page and the console as HTML with a strict policy', async () => {
    const a = await app();
    const home = await a.inject({ url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    expect(home.body).toContain('Skriv inn feilmeldinga di');
    const agent = await a.inject({ url: '/agent' });
    expect(agent.statusCode).toBe(200);
    expect(agent.body).toContain('Rådgjevarkonsoll');
    expect(agent.body).not.toMatch(/<\/script>[^<]*<\/script>/);
  });

  it('answers ?feilmelding= with the engine’s answer, linked to the table', async () => {
    const a = await app();
    const res = await a.inject({ url: '/?feilmelding=fekk%20BID-14B1' });
    expect(res.body).toContain('Svar på «fekk BID-14B1»');
    expect(res.body).toContain('tidsavbrot ved innlogging');
    expect(res.body).toMatch(/<p class="permalink"><a href="#bid-14b1">/);
  });

  it('suggests answers from the knowledge base for advisors', async () => {
    const a = await app();
    const res = await a.inject({ url: '/agent/suggestions?text=gl%C3%B8ymt%20passord' });
    const body = res.json() as { suggestions: { topicId: string }[] };
    expect(body.suggestions.map((s) => s.topicId)).toContain('forgot-password');
    const first = (await a.inject({ url: '/agent/suggestions?text=gl%C3%B8ymt%20passord&topic=bid-14b1' })).json() as typeof body;
    expect(first.suggestions[0]!.topicId).toBe('bid-14b1');
    expect(first.suggestions.length).toBeLessThanOrEqual(4);
  });

  it('gives an urgent conversation the urgent checklist first, titled with the risk the bot understood', async () => {
    const a = await app();
    const res = await a.inject({ url: '/agent/suggestions?text=ein%20ringde%20fr%C3%A5%20banken&topic=urgent%3Afake-caller' });
    const first = (res.json() as { suggestions: { topicId: string; title: string; answer: string }[] }).suggestions[0]!;
    expect(first.title).toBe('Hastar – Svindel: nokon ringde og gav seg ut for å vere banken eller politiet');
    expect(first.answer).toContain(pack.bank.phone);
    expect(renderAgentPage(pack)).toContain('"urgent:fake-caller"');
  });
});
