// Which databases the integration and browser tests run on. SQLite always; PostgreSQL when
// TEST_DATABASE_URL names one. Under CI a missing TEST_DATABASE_URL is an error, not a quiet skip:
// otherwise a broken CI set-up would pass with half the tests never run.
import type { Dialect } from '../src/platform/db/database.ts';

export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env['CI']?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

export function testDialects(env: NodeJS.ProcessEnv = process.env): Dialect[] {
  if (env['TEST_DATABASE_URL']) return ['sqlite', 'postgres'];
  if (isCI(env)) {
    throw new Error(
      'CI is set but TEST_DATABASE_URL is not: the tests would silently skip PostgreSQL. ' +
        'Set TEST_DATABASE_URL to an empty PostgreSQL database (postgres://user@host:5432/db).',
    );
  }
  return ['sqlite'];
}
