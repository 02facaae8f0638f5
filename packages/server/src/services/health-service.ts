import { sql } from 'kysely';
import type { AppContext } from '../context.ts';

export async function checkDatabase(ctx: AppContext): Promise<void> {
  await sql`select 1`.execute(ctx.database.db);
}
