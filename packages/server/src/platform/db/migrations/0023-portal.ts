// The portal (issue 9): the versions of the first-inquiry rules and duties (首问负责制规定、职责内容) the
// public site shows. A version is a draft until it is published (published_at and published_by set
// together) and is never changed after; the newest published one is current. `created_by` is null only
// for the version the system ships on first start. Frozen in time: no application imports.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('portal_rule_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('duties', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('people.id'))
    .addColumn('published_at', 'text')
    .addCheckConstraint('portal_rule_versions_number', sql`number >= 1`)
    .addCheckConstraint(
      'portal_rule_versions_published',
      sql`(published_at is null) = (published_by is null) or (published_at is not null and created_by is null)`,
    )
    .execute();
  await db.schema
    .createIndex('portal_rule_versions_published_at')
    .on('portal_rule_versions')
    .column('published_at')
    .execute();
  await db.schema
    .createIndex('portal_rule_versions_created_by')
    .on('portal_rule_versions')
    .column('created_by')
    .execute();
  await db.schema
    .createIndex('portal_rule_versions_published_by')
    .on('portal_rule_versions')
    .column('published_by')
    .execute();
}
