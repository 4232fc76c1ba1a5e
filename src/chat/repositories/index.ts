import type { Kysely } from 'kysely';
import type { DialectName, DirectSqlite } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { advisorRepository, sessionRepository } from './advisors.js';
import { conversationRepository } from './conversations.js';
import { messageRepository } from './messages.js';
import { callbackRepository, csatRepository, feedbackRepository, noteRepository } from './records.js';

/**
 * `dialect`: SQLite lets the message store skip what only concurrent PostgreSQL writers need;
 * `direct` (SQLite's, from the database handle) takes its appends, and the reads every request
 * makes (the conversation, the session), past Kysely.
 */
export function createRepositories(db: Kysely<Database>, dialect: DialectName = 'postgres', direct?: DirectSqlite) {
  return {
    conversations: conversationRepository(db, direct),
    messages: messageRepository(db, dialect, direct),
    notes: noteRepository(db),
    advisors: advisorRepository(db),
    sessions: sessionRepository(db, direct),
    callbacks: callbackRepository(db),
    feedback: feedbackRepository(db),
    csat: csatRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
