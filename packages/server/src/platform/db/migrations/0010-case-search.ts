// Lists and search that stay fast at millions of cases. Frozen in time: no application imports.
//
// Indexes: every list is a union of branches (the person's own cases, registered, decided, a department's,
// a co-department's), each read newest first from an index that starts with the branch's key and goes on
// with (received_at, id), so a page never sorts more than a page per branch. The to-do list has
// (first_responder_id, state); the audit log (type, id) and (actor_id, id), newest first. Exact look-ups of an applicant's phone and credit code have their own.
// The single-column indexes the new ones start with are dropped: each index costs every registration.
//
// Search: `case_search` gives each case a search id in the order cases are registered, and search results
// come newest first by it, so the engine can stop at a page. SQLite indexes the searchable text in two
// contentless FTS5 tables kept by triggers: trigram (three characters or more) and one token per character
// (one and two characters, as a phrase). The character table's text is split by the connection's
// `bancheng_search_chars()` function, which every connection the server opens defines. PostgreSQL keeps the
// text in `case_search.body` with pg_trgm and character-array GIN indexes, kept by a trigger.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

const SEARCHED = [
  'number',
  'applicant_name',
  'applicant_phone',
  'applicant_credit_code',
  'matter_title',
  'description',
];

/** The searchable text of the case row `prefix` (NEW. or OLD. in a trigger, cases. in a query). */
function body(prefix: string, newline = 'char(10)'): string {
  return SEARCHED.map((c) => `coalesce(${prefix}${c}, '')`).join(` || ${newline} || `);
}

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  const indexes: [string, string, string[]][] = [
    ['cases_department_received', 'cases', ['department_id', 'received_at', 'id']],
    // A department's list by matter type (with or without dates) and its capped count read only matches.
    ['cases_department_matter_received', 'cases', ['department_id', 'matter_type', 'received_at', 'id']],
    ['cases_first_responder_received', 'cases', ['first_responder_id', 'received_at', 'id']],
    ['cases_first_responder_state', 'cases', ['first_responder_id', 'state']],
    ['cases_registered_by_received', 'cases', ['registered_by', 'received_at', 'id']],
    ['cases_received', 'cases', ['received_at', 'id']],
    ['cases_state_received', 'cases', ['state', 'received_at', 'id']],
    ['cases_applicant_phone', 'cases', ['applicant_phone']],
    ['cases_applicant_credit_code', 'cases', ['applicant_credit_code']],
    ['case_decisions_person_case', 'case_decisions', ['person_id', 'case_id']],
    ['case_co_departments_department_case', 'case_co_departments', ['department_id', 'case_id']],
    ['audit_events_type_id', 'audit_events', ['type', 'id']],
    ['audit_events_actor_id', 'audit_events', ['actor_id', 'id']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
  }
  for (const name of [
    'cases_first_responder',
    'cases_received_at',
    'cases_registered_by',
    'case_decisions_person_id',
    'case_co_departments_department_id',
    'audit_events_type',
  ]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }

  if (pg) {
    // pg_trgm belongs to the database, not to a schema of the application's: it is created in public
    // (or found wherever an administrator created it), so that dropping one schema never drops it.
    const trgm = () =>
      sql<{ schema: string }>`
      select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
      where e.extname = 'pg_trgm'`.execute(db);
    let ext = await trgm();
    if (ext.rows.length === 0) {
      await sql`savepoint pg_trgm`.execute(db);
      try {
        await sql`create extension if not exists pg_trgm with schema public`.execute(db);
        await sql`release savepoint pg_trgm`.execute(db);
      } catch (error) {
        // Another database session created it at the same moment.
        await sql`rollback to savepoint pg_trgm`.execute(db);
        ext = await trgm();
        if (ext.rows.length === 0) throw error;
      }
      ext = await trgm();
    }
    const trgmSchema = ext.rows[0]?.schema ?? 'public';
    await sql`
      create table case_search (
        search_id bigint generated always as identity primary key,
        case_id text not null unique references cases(id) on delete cascade,
        body text not null
      )`.execute(db);
    const pgBody = body('new.', 'chr(10)');
    await sql
      .raw(
        `create function case_search_sync() returns trigger language plpgsql as $$
         begin
           if tg_op = 'INSERT' then
             insert into case_search (case_id, body) values (new.id, lower(${pgBody}));
           else
             update case_search set body = lower(${pgBody}) where case_id = new.id;
           end if;
           return null;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger cases_search_sync after insert or update of ${SEARCHED.join(', ')} on cases
         for each row execute function case_search_sync()`,
      )
      .execute(db);
    await sql
      .raw(
        `insert into case_search (case_id, body)
         select id, lower(${body('', 'chr(10)')}) from cases order by received_at, id`,
      )
      .execute(db);
    await sql
      .raw(`create index case_search_trigram on case_search using gin (body ${trgmSchema}.gin_trgm_ops)`)
      .execute(db);
    await sql
      .raw(`create index case_search_chars on case_search using gin (string_to_array(body, null))`)
      .execute(db);
    return;
  }

  // SQLite runs migrations outside a transaction: IF NOT EXISTS lets a run cut short be repeated.
  await sql`
    create table if not exists case_search (
      search_id integer primary key,
      case_id text not null unique references cases(id)
    )`.execute(db);
  await sql`
    create virtual table if not exists case_search_trigram using fts5(
      body, tokenize = 'trigram', content = '', contentless_delete = 1
    )`.execute(db);
  await sql`
    create virtual table if not exists case_search_chars using fts5(
      body, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1
    )`.execute(db);
  const key = (prefix: string) => `(select search_id from case_search where case_id = ${prefix}id)`;
  const add = (prefix: string) => `
    insert into case_search_trigram (rowid, body) values (${key(prefix)}, ${body(prefix)});
    insert into case_search_chars (rowid, body) values (${key(prefix)}, bancheng_search_chars(${body(prefix)}));`;
  const remove = (prefix: string) => `
    delete from case_search_trigram where rowid = ${key(prefix)};
    delete from case_search_chars where rowid = ${key(prefix)};`;
  await sql
    .raw(
      `create trigger if not exists cases_search_insert after insert on cases begin
         insert into case_search (case_id) values (new.id);${add('new.')}
       end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger if not exists cases_search_update after update of ${SEARCHED.join(', ')} on cases
       begin${remove('old.')}${add('new.')}
       end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger if not exists cases_search_delete before delete on cases begin${remove('old.')}
         delete from case_search where case_id = old.id;
       end`,
    )
    .execute(db);
  // Cases registered before this migration, oldest first (a repeated run finds them done).
  await sql`
    insert into case_search (case_id)
    select id from cases where id not in (select case_id from case_search) order by received_at, id`.execute(
    db,
  );
  await sql`insert into case_search_trigram (case_search_trigram) values ('delete-all')`.execute(db);
  await sql`insert into case_search_chars (case_search_chars) values ('delete-all')`.execute(db);
  await sql
    .raw(
      `insert into case_search_trigram (rowid, body)
       select s.search_id, ${body('c.')} from case_search s join cases c on c.id = s.case_id`,
    )
    .execute(db);
  await sql
    .raw(
      `insert into case_search_chars (rowid, body)
       select s.search_id, bancheng_search_chars(${body('c.')}) from case_search s join cases c on c.id = s.case_id`,
    )
    .execute(db);
}
