// The oversight counts of the home page (督查室, 纪检, 主要领导): overdue cases by stage and department,
// and open, overdue and refused cases, over the cases the reader may read — the lists' scope and filters,
// so each count is the length of the list it links to.
import { caseScopeOf, type CaseOverview, type OverdueStage } from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { departmentsWithUnit } from '../org/index.ts';
import type { CaseViewer } from './case-access.ts';
import { overviewCounts, OVERVIEW_MEASURES, type OverviewMeasure } from './case-overview-repository.ts';
import { clockContextOf } from './case-view.ts';
import { dueCutOf } from './case-service.ts';

const STAGES: readonly OverdueStage[] = ['deptHead', 'leaderInCharge', 'principalLeader', 'reply'];

export async function getCaseOverview(ctx: AppContext, viewer: CaseViewer): Promise<CaseOverview> {
  const db = ctx.database.db;
  const cc = await clockContextOf(ctx);
  // Overdue exactly as the list's `overdue=true`: past due before today.
  const counts = await overviewCounts(db, {
    cut: dueCutOf(cc, cc.today, cc.today),
    scope: caseScopeOf(viewer),
  });
  const measuresOf = (get: (m: OverviewMeasure) => number) => ({
    overdueAt: Object.fromEntries(STAGES.map((s) => [s, get(s)])) as CaseOverview['overdueAt'],
    overdue: get('overdue'),
    open: get('open'),
    refused: get('refused'),
  });
  const sum = (m: OverviewMeasure) => [...counts[m].values()].reduce((a, b) => a + b, 0);
  const departmentIds = [...new Set(OVERVIEW_MEASURES.flatMap((m) => [...counts[m].keys()]))];
  const departments = (await departmentsWithUnit(db, departmentIds))
    .map((d) => ({
      departmentId: d.id,
      departmentName: d.name,
      unitName: d.unitName,
      ...measuresOf((m) => counts[m].get(d.id) ?? 0),
    }))
    .sort(
      (a, b) =>
        a.unitName.localeCompare(b.unitName, 'zh') || a.departmentName.localeCompare(b.departmentName, 'zh'),
    );
  return { asOf: cc.today, ...measuresOf(sum), departments };
}
