// The bureau settings row (id 1), mapped to the domain here.
import type { BureauSettings } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { BureauSettingsTable } from '../../platform/db/schema.ts';

type Executor = Db | Trx;

function toBureauSettings(r: BureauSettingsTable): BureauSettings {
  return {
    levelWorkdays: { 2: r.level2_workdays, 3: r.level3_workdays, 4: r.level4_workdays },
    replyCounting: r.reply_counting,
    replyWorkdays: r.reply_workdays,
    followUpWorkdays: r.follow_up_workdays,
    contactPhone: r.contact_phone,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export async function findBureauSettings(db: Executor): Promise<BureauSettings | undefined> {
  const row = await db.selectFrom('bureau_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  return row && toBureauSettings(row);
}

/** Writes the settings if they are still at `version`; false when someone changed them first. */
export async function updateBureauSettingsGuarded(
  trx: Trx,
  args: { settings: Omit<BureauSettings, 'version' | 'updatedAt'>; version: number; now: string },
): Promise<boolean> {
  const { settings: s } = args;
  const r = await trx
    .updateTable('bureau_settings')
    .set({
      level2_workdays: s.levelWorkdays[2],
      level3_workdays: s.levelWorkdays[3],
      level4_workdays: s.levelWorkdays[4],
      reply_counting: s.replyCounting,
      reply_workdays: s.replyWorkdays,
      follow_up_workdays: s.followUpWorkdays,
      contact_phone: s.contactPhone,
      version: args.version + 1,
      updated_at: args.now,
    })
    .where('id', '=', 1)
    .where('version', '=', args.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
