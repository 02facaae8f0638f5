// Unit names are unique among their siblings, as department names already are within a unit, so two
// administrators creating the same unit at once get one unit and a 409. The root unit has no parent:
// coalesce makes NULL one value for the index on both dialects. Frozen in time: no application imports.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('org_units_parent_name')
    .on('org_units')
    .unique()
    .expression(sql`coalesce(parent_id, ''), name`)
    .execute();
}
