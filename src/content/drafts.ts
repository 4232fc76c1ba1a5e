// What customers may see: with drafts off (production's default), only what the bank approved.
import { ContentError } from './loader.js';
import type { ContentPack, Topic } from './types.js';

/** What customers are served: the approved pack, or with SERVE_DRAFTS everything but what is retired. */
export function servedPack(pack: ContentPack, serveDrafts: boolean, dir = 'content'): ContentPack {
  return serveDrafts ? withTopics(pack, (t) => t.status !== 'retired') : approvedOnly(pack, dir);
}

/** The pack without draft topics and error codes; fails when the assistant's own texts are still draft. */
export function approvedOnly(pack: ContentPack, dir = 'content'): ContentPack {
  if (pack.messages.status !== 'approved') {
    throw new ContentError(`${dir}/messages.yaml`, 'status', 'is draft: the bank must review and approve the assistant\'s own texts before they are served, or set SERVE_DRAFTS=true');
  }
  const served = withTopics(pack, (t) => t.status === 'approved');
  return Object.freeze({
    ...served,
    // Unreviewed actions are not offered; so no login either (it exists for the actions).
    actions: pack.actions?.status === 'approved' ? served.actions : undefined,
  });
}

/** The pack with only the topics that pass, and nothing that points at the others. */
function withTopics(pack: ContentPack, keep: (t: Topic) => boolean): ContentPack {
  const topics = pack.topics.filter(keep);
  const kept = new Set(topics.map((t) => t.id));
  const all = new Set(pack.topics.map((t) => t.id));
  return Object.freeze({
    ...pack,
    topics: topics.map((t) => ({ ...t, related: t.related.filter((r) => kept.has(r)) })),
    bank: { ...pack.bank, commonProblems: pack.bank.commonProblems.filter((id) => kept.has(id)) },
    // Examples of a withdrawn topic would teach the model an answer it may not give.
    training: pack.training.filter((e) => !all.has(e.label) || kept.has(e.label)),
    actions: pack.actions ? { ...pack.actions, actions: pack.actions.actions.map((a) => ({ ...a, offerFor: a.offerFor.filter((t) => kept.has(t)) })) } : undefined,
  });
}

/** Everything still waiting for the bank's review, for `kundesenter content`. */
export function drafts(pack: ContentPack): string[] {
  const out = pack.topics.filter((t: Topic) => t.status === 'draft').map((t) => `${t.kind === 'error-code' ? 'error code' : 'topic'} ${t.id}: ${t.title}`);
  if (pack.messages.status === 'draft') out.push('messages.yaml: the assistant\'s own texts');
  if (pack.actions?.status === 'draft') out.push('actions.yaml: login texts and self-service actions (not offered until approved)');
  return out;
}
