// The follow-ups waiting on a person (跟踪问效): their open duties, soonest due first, on the cases the
// access policy lets them read (the same SQL scope as the case lists).
import { caseScopeOf, type FollowUpDue } from '@bancheng/core';
import { clockOf, type AppContext } from '../../platform/context.ts';
import { todayInChina } from '../../platform/ids.ts';
import { followUpsDueFor } from './case-facts-repository.ts';
import type { CaseViewer } from './case-access.ts';

export async function listFollowUpsDue(
  ctx: AppContext,
  viewer: CaseViewer,
): Promise<{ items: FollowUpDue[] }> {
  const today = todayInChina(clockOf(ctx));
  const rows = await followUpsDueFor(ctx.database.db, {
    personId: viewer.personId,
    scope: caseScopeOf(viewer),
  });
  return {
    items: rows.map((r) => ({
      caseId: r.case_id,
      number: r.number,
      matterTitle: r.matter_title,
      state: r.state,
      round: r.form_round,
      level: r.level,
      assignedAt: r.assigned_at,
      dueOn: r.due_on,
      overdue: r.due_on !== null && r.due_on < today,
    })),
  };
}
