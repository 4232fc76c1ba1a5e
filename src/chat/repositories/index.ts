import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { advisorRepository, sessionRepository } from './advisors.js';
import { conversationRepository } from './conversations.js';
import { messageRepository } from './messages.js';
import { callbackRepository, feedbackRepository, noteRepository } from './records.js';

export function createRepositories(db: Kysely<Database>) {
  return {
    conversations: conversationRepository(db),
    messages: messageRepository(db),
    notes: noteRepository(db),
    advisors: advisorRepository(db),
    sessions: sessionRepository(db),
    callbacks: callbackRepository(db),
    feedback: feedbackRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
