// Roles as the console names them, and what each may open.
import type { Role } from '../types.js';

const roleNames: Record<Role, string> = { advisor: 'rådgjevar', admin: 'administrator', analyst: 'analytikar' };

export const roleText = (role: Role): string => roleNames[role] ?? role;

/** The insight dashboard: admins and analysts (the service answers anyone else 403). */
export const readsInsight = (role: Role): boolean => role === 'admin' || role === 'analyst';

/** The queue and the conversations: everyone but analysts, who read figures only. */
export const worksConversations = (role: Role): boolean => role !== 'analyst';
