// Who reads the dashboard: admins, and analysts — the role that exists for it (it can log in and
// read these figures, and do nothing with conversations or accounts; see advisor-service.ts).
import { AppError } from '../chat/errors.js';
import type { Advisor, Role } from '../chat/repositories/advisors.js';

export const INSIGHT_ROLES: readonly Role[] = ['admin', 'analyst'];

export function assertReadsInsight(by: Advisor): void {
  if (!INSIGHT_ROLES.includes(by.role)) throw new AppError('ERR_FORBIDDEN', 'the dashboard is for admins and analysts');
}
