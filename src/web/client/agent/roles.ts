// Roles as the console names them, and what each may open.
import type { Role } from '../types.js';

const roleNames: Record<Role, string> = { advisor: 'rådgjevar', admin: 'administrator', analyst: 'analytikar', editor: 'redaktør' };

export const roleText = (role: Role): string => roleNames[role] ?? role;

/** The insight dashboard: admins and analysts (the service answers anyone else 403). */
export const readsInsight = (role: Role): boolean => role === 'admin' || role === 'analyst';

/** The queue and the conversations: advisors and admins (analysts read figures, editors change content). */
export const worksConversations = (role: Role): boolean => role === 'advisor' || role === 'admin';

/** The content editor at /agent/innhald: editors and admins (the service answers anyone else 403). */
export const editsContent = (role: Role): boolean => role === 'admin' || role === 'editor';
