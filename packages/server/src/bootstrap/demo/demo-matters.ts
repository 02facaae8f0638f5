// The demo bureau's matter lists (事项清单): a few matters per business department, some with the
// statutory time limit in working days that a case registered for them inherits as its due date.
import type { MatterType } from '@bancheng/core';
import { nowIsoOf, type AppContext } from '../../platform/context.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { insertMatter, type MatterRecord } from '../../modules/matters/index.ts';
import { loadOrgTree } from '../../modules/org/index.ts';
import { newId } from '../../platform/ids.ts';

interface DemoMatter {
  title: string;
  type: MatterType;
  workdays: number | null;
  remarks?: string;
}

/** By department of the bureau itself. */
export const DEMO_MATTERS: Record<string, DemoMatter[]> = {
  登记注册科: [
    { title: '企业名称变更登记', type: 'licensing', workdays: 3 },
    { title: '股权变更登记', type: 'licensing', workdays: 5 },
    { title: '个体工商户注销', type: 'service', workdays: 1, remarks: '简易注销，材料齐全当场办结' },
    { title: '登记业务咨询', type: 'enquiry', workdays: null },
  ],
  食品生产安全监管科: [
    { title: '食品生产许可', type: 'licensing', workdays: 10 },
    { title: '食品小作坊登记', type: 'licensing', workdays: 10 },
  ],
  价格监督检查科: [
    { title: '价格投诉处理', type: 'complaint', workdays: 15 },
    { title: '明码标价政策咨询', type: 'enquiry', workdays: null },
  ],
  消费者权益保护科: [
    { title: '消费投诉调解', type: 'complaint', workdays: 20 },
    { title: '消费举报受理', type: 'petition', workdays: 15 },
  ],
};

const SYSTEM = { personId: null, address: null };

/** Adds the demo matter lists; returns how many matters were made. */
export async function loadDemoMatters(ctx: AppContext): Promise<number> {
  const bureau = (await loadOrgTree(ctx.database.db)).find((u) => u.kind === 'bureau');
  let count = 0;
  await ctx.database.db.transaction().execute(async (trx) => {
    for (const [name, matters] of Object.entries(DEMO_MATTERS)) {
      const department = bureau?.departments.find((d) => d.name === name);
      if (!department) throw new Error(`demo matters name an unknown department: ${name}`);
      for (const m of matters) {
        const now = nowIsoOf(ctx);
        const matter: MatterRecord = {
          id: newId(),
          departmentId: department.id,
          title: m.title,
          matterType: m.type,
          timeLimitWorkdays: m.workdays,
          remarks: m.remarks ?? null,
          active: true,
          version: 0,
          createdAt: now,
          updatedAt: now,
        };
        await insertMatter(trx, matter);
        await appendAuditEvent(
          trx,
          SYSTEM,
          {
            type: 'matter.created',
            subjectId: matter.id,
            payload: {
              departmentId: department.id,
              before: null,
              after: {
                title: m.title,
                matterType: m.type,
                timeLimitWorkdays: m.workdays,
                remarks: matter.remarks,
                active: true,
              },
            },
          },
          now,
        );
        count += 1;
      }
    }
  });
  return count;
}
