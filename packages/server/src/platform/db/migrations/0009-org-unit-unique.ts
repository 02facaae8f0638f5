// Unit names are unique among their siblings, as department names already are within a unit, so two
// administrators creating the same unit at once get one unit and a 409. The root unit has no parent:
// coalesce makes NULL one value for the index on both dialects. Frozen in time: no application imports.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const duplicates = await sql<{ name: string }>`
    select name from org_units group by coalesce(parent_id, ''), name having count(*) > 1`.execute(db);
  if (duplicates.rows.length > 0) {
    const names = duplicates.rows.map((r) => r.name).join(', ');
    throw new Error(`units with the same name under one parent: ${names}; rename them, then migrate again`);
  }
  await db.schema
    .createIndex('org_units_parent_name')
    .on('org_units')
    .unique()
    .expression(sql`coalesce(parent_id, ''), name`)
    .execute();
}
