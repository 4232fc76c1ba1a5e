// Logging a conversation in with BankID (OpenID Connect) and out again. A login is bound to the
// conversation whose token started it; it ends on "Logg ut", when the conversation closes, and
// after IDENTITY_IDLE_MINUTES in which the customer neither wrote nor used the login. The identity number is encrypted before it is stored, and only an advisor who
// gives a reason sees it in full — the reason goes to the audit log.
import type { AuditLog } from '../audit/log.js';
import type { ActionsFile, LoginFailureText } from '../content/index.js';
import { maskNationalId, type IdentityCipher } from '../identity/keys.js';
import { LoginRefused, type OidcClient } from '../identity/oidc.js';
import type { IdentityStore, StoredIdentity } from '../identity/store.js';
import { publishMessages, type ChatContext } from './context.js';
import type { Conversation } from './conversation.js';
import { AppError } from './errors.js';

/** A login started but not finished within this long is refused (the customer starts again). */
export const LOGIN_ATTEMPT_MINUTES = 10;

export interface IdentityDeps {
  store: IdentityStore;
  audit: AuditLog;
  cipher: IdentityCipher;
  /** Null: no provider configured — logging in is not offered. */
  oidc: OidcClient | null;
  texts: ActionsFile['login'];
  idleMinutes: number;
  /** Origins a login may return to: this service's public one and WIDGET_ORIGINS. */
  returnOrigins: readonly string[];
  /** Where a callback goes back to when it cannot tell which page started it. */
  defaultReturn: string;
}

export interface LoginStatus {
  available: boolean;
  loggedIn: boolean;
  name: string | null;
  /** When the login ends unless the customer is seen before. */
  idleUntil: string | null;
}

/** What an advisor sees of the identity (the full number only through `reveal`). */
export interface IdentityView {
  name: string;
  maskedNationalId: string;
  acr: string;
  amr: string[] | null;
  verifiedAt: string;
  active: boolean;
  endedAt: string | null;
  endedReason: string | null;
}

/** `detail`: why, for the log (the provider's error code or the check that failed; never a secret). */
export type CallbackOutcome = { returnTo: string; result: 'ok' | LoginFailureText; detail?: string };

export function identityService(ctx: ChatContext, deps: IdentityDeps) {
  const { store, audit, cipher } = deps;
  const idleMs = deps.idleMinutes * 60_000;

  /** The customer's last sign of using the login: logging in, an action, a message written. */
  async function lastActive(i: StoredIdentity): Promise<number> {
    const wrote = await ctx.repos.messages.lastCustomerMessageAt(i.conversationId);
    return Math.max(i.lastActiveAt.getTime(), wrote?.getTime() ?? 0);
  }

  /**
   * The identity the conversation is logged in as now, or null (never, logged out, closed, idle).
   * A login idle too long ends here, when it is next asked for, and the customer is told. An open
   * socket is not activity: a tab left open must not keep a login alive.
   */
  async function current(conv: Conversation, use = false): Promise<StoredIdentity | null> {
    if (conv.state === 'closed') return null;
    const identity = await store.latest(conv.id);
    if (!identity || identity.endedAt) return null;
    const now = ctx.now();
    if (now.getTime() - (await lastActive(identity)) >= idleMs) {
      if (await store.end(identity.id, 'idle', now)) {
        await audit.append({ actor: { kind: 'system' }, action: 'logout', conversationId: conv.id, personHash: identity.personHash, detail: { identityId: identity.id, reason: 'idle' } }, now);
        await system(conv.id, 'logged-out', deps.texts.expired);
        await ctx.bus.publish({ type: 'customer.identified', conversationId: conv.id, name: null });
      }
      return null;
    }
    if (use && now.getTime() - identity.lastActiveAt.getTime() > 30_000) await store.touch(identity.id, now);
    return identity;
  }

  async function system(conversationId: string, kind: 'identified' | 'logged-out' | 'login-failed', text: string): Promise<void> {
    const { messages } = await ctx.repos.messages.append(conversationId, [{ author: 'system', kind, text }], ctx.now());
    await publishMessages(ctx, conversationId, messages);
  }

  function checkedReturn(returnTo: string): string {
    let url: URL;
    try {
      url = new URL(returnTo);
    } catch {
      throw new AppError('ERR_VALIDATION', 'returnTo must be the absolute URL of the page the chat is on');
    }
    if (!deps.returnOrigins.includes(url.origin)) throw new AppError('ERR_VALIDATION', `returnTo must be a page of this service or of WIDGET_ORIGINS, not ${url.origin}`);
    url.hash = '';
    return url.toString();
  }

  async function refuse(conversationId: string | null, reason: LoginFailureText, returnTo: string, detail?: string): Promise<CallbackOutcome> {
    if (conversationId) {
      await audit.append({ actor: { kind: 'customer' }, action: 'login.failed', conversationId, detail: { reason } }, ctx.now());
      await system(conversationId, 'login-failed', deps.texts.failed[reason].replace('{phone}', ctx.bank.phone));
    }
    return { returnTo, result: reason, ...(detail ? { detail } : {}) };
  }

  return {
    current,
    byId: (id: string) => store.byId(id),

    async status(conv: Conversation): Promise<LoginStatus> {
      const identity = deps.oidc ? await current(conv) : null;
      return {
        available: deps.oidc !== null && conv.state !== 'closed',
        loggedIn: identity !== null,
        name: identity?.name ?? null,
        idleUntil: identity ? new Date((await lastActive(identity)) + idleMs).toISOString() : null,
      };
    },

    /** Where to send the customer to log in; the attempt is kept for the callback to match. */
    async start(conv: Conversation, returnTo: string): Promise<{ authorizationUrl: string }> {
      if (!deps.oidc) throw new AppError('ERR_LOGIN_UNAVAILABLE', 'logging in with BankID is not set up on this installation');
      if (conv.state === 'closed') throw new AppError('ERR_CONVERSATION_CLOSED', 'the conversation is closed; start a new one');
      const back = checkedReturn(returnTo);
      let login;
      try {
        login = await deps.oidc.start();
      } catch (e) {
        if (e instanceof LoginRefused) throw new AppError('ERR_UPSTREAM', 'the identity provider cannot be reached; try again shortly');
        throw e;
      }
      await store.addAttempt(login.state, { conversationId: conv.id, codeVerifier: login.codeVerifier, nonce: login.nonce, returnTo: back, createdAt: ctx.now() });
      return { authorizationUrl: login.url };
    },

    /**
     * The provider's redirect back. Every way it can go wrong ends with the customer back on the
     * chat's page and a reason; a known attempt also gets a system message in its conversation.
     * Never a half-logged-in conversation: the identity is stored last, in one transaction.
     */
    async finish(callbackUrl: URL): Promise<CallbackOutcome> {
      const state = callbackUrl.searchParams.get('state');
      const attempt = state ? await store.attempt(state) : null;
      if (!state || !attempt || !deps.oidc) return refuse(null, 'state', deps.defaultReturn);
      const now = ctx.now();
      if (attempt.usedAt) return refuse(attempt.conversationId, 'replayed', attempt.returnTo);
      if (now.getTime() - attempt.createdAt.getTime() > LOGIN_ATTEMPT_MINUTES * 60_000) return refuse(attempt.conversationId, 'expired', attempt.returnTo);
      // Used before the code is exchanged: two callbacks racing on two instances get one login.
      if (!(await store.useAttempt(state, now))) return refuse(attempt.conversationId, 'replayed', attempt.returnTo);
      const conv = await ctx.repos.conversations.get(attempt.conversationId);
      if (!conv || conv.state === 'closed') return { returnTo: attempt.returnTo, result: 'failed' };
      let login: Awaited<ReturnType<OidcClient['finish']>>;
      try {
        login = await deps.oidc.finish(callbackUrl, { state, nonce: attempt.nonce, codeVerifier: attempt.codeVerifier });
      } catch (e) {
        if (e instanceof LoginRefused) return refuse(conv.id, e.reason, attempt.returnTo, e.message);
        throw e;
      }
      const personHash = cipher.personHash(login.nationalId);
      const identity = await store.addIdentity({
        conversationId: conv.id,
        personHash,
        nationalId: cipher.encrypt(login.nationalId),
        name: login.name,
        acr: login.acr,
        amr: login.amr,
        issuer: login.issuer,
        verifiedAt: ctx.now(),
      });
      await audit.append({ actor: { kind: 'customer' }, action: 'login', conversationId: conv.id, personHash, detail: { identityId: identity.id, acr: login.acr, amr: login.amr } }, ctx.now());
      await system(conv.id, 'identified', deps.texts.loggedIn.replace('{name}', login.name));
      await ctx.bus.publish({ type: 'customer.identified', conversationId: conv.id, name: login.name });
      if (conv.state === 'queued') await ctx.bus.publish({ type: 'queue.changed' });
      return { returnTo: attempt.returnTo, result: 'ok' };
    },

    async logout(conv: Conversation): Promise<LoginStatus> {
      const identity = await store.latest(conv.id);
      if (identity && !identity.endedAt && (await store.end(identity.id, 'logout', ctx.now()))) {
        await audit.append({ actor: { kind: 'customer' }, action: 'logout', conversationId: conv.id, personHash: identity.personHash, detail: { identityId: identity.id } }, ctx.now());
        await system(conv.id, 'logged-out', deps.texts.loggedOut);
        await ctx.bus.publish({ type: 'customer.identified', conversationId: conv.id, name: null });
      }
      return { available: deps.oidc !== null, loggedIn: false, name: null, idleUntil: null };
    },

    /** For the advisor: the latest identity of the conversation, masked. */
    async view(conv: Conversation): Promise<IdentityView | null> {
      const identity = await store.latest(conv.id);
      if (!identity) return null;
      const active = (await current(conv))?.id === identity.id;
      return {
        name: identity.name,
        maskedNationalId: maskNationalId(cipher.decrypt(identity.nationalId)),
        acr: identity.acr,
        amr: identity.amr,
        verifiedAt: identity.verifiedAt.toISOString(),
        active,
        endedAt: identity.endedAt?.toISOString() ?? null,
        endedReason: identity.endedReason ?? (active ? null : 'closed'),
      };
    },

    /** The full number, for an advisor who says why; the reason and who asked go to the audit log first. */
    async reveal(conv: Conversation, advisorId: string, reason: string): Promise<{ nationalId: string }> {
      const identity = await store.latest(conv.id);
      if (!identity) throw new AppError('ERR_NOT_FOUND', 'this conversation has never been logged in with BankID');
      await audit.append({ actor: { kind: 'advisor', id: advisorId }, action: 'identity.revealed', conversationId: conv.id, personHash: identity.personHash, detail: { identityId: identity.id }, reason }, ctx.now());
      return { nationalId: cipher.decrypt(identity.nationalId) };
    },
  };
}
export type IdentityService = ReturnType<typeof identityService>;
