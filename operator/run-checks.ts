import type { AppContext } from '../service/context.js';
import { checkPrerequisites } from '../service/prerequisites/check-prerequisites.js';
import type { ChecksAnswer } from './contract/checks.js';

export async function runChecks(ctx: AppContext, connectionId: string): Promise<ChecksAnswer> {
  const checks = await checkPrerequisites(ctx.activityDeps, connectionId);
  return { connectionId, ok: checks.every((c) => c.status !== 'failed'), checks };
}
