// The bureau's time limits: read by every clock (cases, reminders) and by everyone signed in; changed by
// the administrator, guarded by the version last seen and audited with the values before and after.
import {
  AppError,
  DEFAULT_CLOCK_SETTINGS,
  type BureauSettings,
  type ClockSettings,
  type UpdateBureauSettingsBody,
} from '@bancheng/core';
import { nowIsoOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { findBureauSettings, updateBureauSettingsGuarded } from './settings-repository.ts';

export async function getBureauSettings(ctx: AppContext): Promise<BureauSettings> {
  return (
    (await findBureauSettings(ctx.database.db)) ?? {
      ...DEFAULT_CLOCK_SETTINGS,
      contactPhone: null,
      version: 0,
      updatedAt: null,
    }
  );
}

/** The settings as the clocks use them. Read per request: one indexed row, so a change applies at once. */
export async function getClockSettings(ctx: AppContext): Promise<ClockSettings> {
  const { version: _v, updatedAt: _u, contactPhone: _p, ...clock } = await getBureauSettings(ctx);
  return clock;
}

export async function updateBureauSettings(
  ctx: AppContext,
  actor: Actor,
  body: UpdateBureauSettingsBody,
): Promise<BureauSettings> {
  const { version, contactPhone, ...limits } = body;
  return ctx.database.db.transaction().execute(async (trx) => {
    const before = await findBureauSettings(trx);
    if (!before) throw new AppError('NOT_FOUND');
    // The contact number is kept as it was when the request leaves it out.
    const settings = {
      ...limits,
      contactPhone: contactPhone === undefined ? before.contactPhone : contactPhone,
    };
    const now = nowIsoOf(ctx);
    if (!(await updateBureauSettingsGuarded(trx, { settings, version, now }))) {
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: before.version } });
    }
    const { version: _v, updatedAt: _u, ...was } = before;
    await appendAuditEvent(
      trx,
      actor,
      { type: 'settings.bureauUpdated', subjectId: null, payload: { before: was, after: settings } },
      now,
    );
    return { ...settings, version: version + 1, updatedAt: now };
  });
}
