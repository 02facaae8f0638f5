// Watches the database for the failures that are not bugs: connections the server ends (a restart, a
// fail-over), the database unreachable, the disk full. It logs their real cause and remembers whether the
// last write failed for want of space, which /api/health reports.
import { EventEmitter } from 'node:events';
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  DatabaseIntrospector,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { unavailableCause } from './database-errors.ts';

export interface MonitorLog {
  warn(fields: object, message: string): void;
}

/** Until the app attaches its logger: one line on stderr. */
const consoleLog: MonitorLog = {
  warn: (fields, message) => console.error(`${message} ${JSON.stringify(fields)}`),
};

export class DatabaseMonitor extends EventEmitter<{ connectionLost: [cause: string] }> {
  #log: MonitorLog = consoleLog;
  #unwritable: string | undefined;

  attachLog(log: MonitorLog): void {
    this.#log = log;
  }

  /** An idle pooled connection ended under us; the pool drops it and opens a new one when asked. */
  connectionLost(error: unknown): void {
    const cause = unavailableCause(error)?.cause ?? String(error);
    this.#log.warn({ cause }, `database connection lost (${cause}); reconnecting on the next query`);
    this.emit('connectionLost', cause);
  }

  noteFailure(error: unknown): void {
    const found = unavailableCause(error);
    if (found?.unwritable) this.#unwritable = found.cause;
  }

  noteWritten(): void {
    this.#unwritable = undefined;
  }

  /** The cause of the last failed write, while no write has succeeded since. */
  get unwritable(): string | undefined {
    return this.#unwritable;
  }
}

class MonitoredDriver implements Driver {
  readonly #inner: Driver;
  readonly #monitor: DatabaseMonitor;
  readonly #wrappers = new WeakMap<DatabaseConnection, DatabaseConnection>();
  readonly #inners = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(inner: Driver, monitor: DatabaseMonitor) {
    this.#inner = inner;
    this.#monitor = monitor;
  }

  async #watch<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      this.#monitor.noteFailure(error);
      throw error;
    }
  }

  #wrap(connection: DatabaseConnection): DatabaseConnection {
    let wrapper = this.#wrappers.get(connection);
    if (!wrapper) {
      wrapper = {
        executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> =>
          this.#watch(connection.executeQuery<R>(query)),
        streamQuery: connection.streamQuery.bind(connection),
      };
      this.#wrappers.set(connection, wrapper);
      this.#inners.set(wrapper, connection);
    }
    return wrapper;
  }

  #unwrap(wrapper: DatabaseConnection): DatabaseConnection {
    return this.#inners.get(wrapper) ?? wrapper;
  }

  init(): Promise<void> {
    return this.#watch(this.#inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#wrap(await this.#watch(this.#inner.acquireConnection()));
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#watch(this.#inner.beginTransaction(this.#unwrap(connection), settings));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#watch(this.#inner.commitTransaction(this.#unwrap(connection)));
    this.#monitor.noteWritten();
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#watch(this.#inner.rollbackTransaction(this.#unwrap(connection)));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection(this.#unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

/** The dialect with its driver watched by the monitor. */
export function monitoredDialect(dialect: Dialect, monitor: DatabaseMonitor): Dialect {
  return {
    createAdapter: (): DialectAdapter => dialect.createAdapter(),
    createDriver: (): Driver => new MonitoredDriver(dialect.createDriver(), monitor),
    createQueryCompiler: (): QueryCompiler => dialect.createQueryCompiler(),
    // Kysely's signature takes Kysely<any>.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    createIntrospector: (db: Kysely<any>): DatabaseIntrospector => dialect.createIntrospector(db),
  };
}
