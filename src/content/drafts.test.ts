// Drafts reach customers only when the operator allows it.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.js';
import { approvedOnly, ContentError, drafts, loadContentPack } from './index.js';

const pack = loadContentPack('content');

describe('drafts', () => {
  it('are listed for review', () => {
    expect(drafts(pack)).toContain("messages.yaml: the assistant's own texts");
    expect(drafts(pack).some((d) => d.includes('forgot-password'))).toBe(true);
  });

  it('are not served while the assistant\'s own texts wait for approval: the start fails and says why', () => {
    expect(() => approvedOnly(pack)).toThrow(ContentError);
    expect(() => approvedOnly(pack)).toThrow(/messages\.yaml: status: is draft.*SERVE_DRAFTS=true/);
  });

  it('leave only approved topics, and nothing that points at a withdrawn one', () => {
    const approved = approvedOnly({ ...pack, messages: { ...pack.messages, status: 'approved' } });
    expect(approved.topics.every((t) => t.status === 'approved')).toBe(true);
    expect(approved.topics.some((t) => t.id === 'forgot-password')).toBe(false);
    const ids = new Set(approved.topics.map((t) => t.id));
    expect(approved.topics.flatMap((t) => t.related).every((r) => ids.has(r))).toBe(true);
    expect(approved.bank.commonProblems.every((r) => ids.has(r))).toBe(true);
    expect(approved.training.some((e) => e.label === 'forgot-password')).toBe(false);
    expect(approved.training.some((e) => e.label === 'urgent')).toBe(true);
  });

  it('are served by default in development and not in production, unless SERVE_DRAFTS says otherwise', () => {
    expect(loadConfig({}).serveDrafts).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).serveDrafts).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SERVE_DRAFTS: 'true' }).serveDrafts).toBe(true);
    expect(loadConfig({ SERVE_DRAFTS: 'false' }).serveDrafts).toBe(false);
  });
});
