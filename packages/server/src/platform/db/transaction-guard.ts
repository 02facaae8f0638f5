// Makes a query on the database handle inside a transaction callback an immediate error. Without this, on
// SQLite it waits forever for the one connection the transaction holds, and on PostgreSQL it silently
// runs on another connection, outside the transaction.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Kysely,
  TransactionBuilder,
  type KyselyConfig,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type Transaction,
  type UnknownRow,
} from 'kysely';

export const QUERY_OUTSIDE_TRANSACTION =
  'query on the database handle inside a transaction: use the transaction';

/** Set for the async context of a transaction callback; `open` is false once the callback is done. */
const transactionScope = new AsyncLocalStorage<{ open: boolean }>();

function assertNoOpenTransaction(): void {
  if (transactionScope.getStore()?.open) throw new Error(QUERY_OUTSIDE_TRANSACTION);
}

/**
 * On the handle only: every query compiled through it passes here before it waits for a connection, so
 * the check comes before SQLite's connection mutex or the pool. Transactions are handed out without it.
 */
class OutsideTransactionGuard implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    assertNoOpenTransaction();
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class GuardedTransactionBuilder<DB> extends TransactionBuilder<DB> {
  readonly #inner: TransactionBuilder<DB>;

  constructor(inner: TransactionBuilder<DB>) {
    // Kysely's settings stay in the inner builder; this one only opens the scope around execute.
    super({} as ConstructorParameters<typeof TransactionBuilder<DB>>[0]);
    this.#inner = inner;
  }

  override setAccessMode(
    ...args: Parameters<TransactionBuilder<DB>['setAccessMode']>
  ): TransactionBuilder<DB> {
    return new GuardedTransactionBuilder(this.#inner.setAccessMode(...args));
  }

  override setIsolationLevel(
    ...args: Parameters<TransactionBuilder<DB>['setIsolationLevel']>
  ): TransactionBuilder<DB> {
    return new GuardedTransactionBuilder(this.#inner.setIsolationLevel(...args));
  }

  override async execute<T>(callback: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    assertNoOpenTransaction();
    const scope = { open: true };
    return transactionScope.run(scope, () =>
      this.#inner.execute(async (trx) => {
        try {
          return await callback(trx.withoutPlugins());
        } finally {
          scope.open = false;
        }
      }),
    );
  }
}

/** Kysely whose queries refuse to run inside one of its own transaction callbacks. */
export class GuardedKysely<DB> extends Kysely<DB> {
  constructor(config: KyselyConfig) {
    super({ ...config, plugins: [...(config.plugins ?? []), new OutsideTransactionGuard()] });
  }

  override transaction(): TransactionBuilder<DB> {
    return new GuardedTransactionBuilder(super.transaction());
  }

  override startTransaction(): ReturnType<Kysely<DB>['startTransaction']> {
    assertNoOpenTransaction();
    return super.startTransaction();
  }

  override connection(): ReturnType<Kysely<DB>['connection']> {
    assertNoOpenTransaction();
    return super.connection();
  }
}
