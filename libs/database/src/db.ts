import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The one way repositories reach PostgreSQL. Statements run in the transaction the caller opened
 * with `transactional()`, wherever in the call it is, so services no longer pass a manager
 * through every signature; outside one, each statement runs on its own.
 */
@Injectable()
export class Db {
  private readonly transaction = new AsyncLocalStorage<EntityManager>();

  constructor(readonly dataSource: DataSource) {}

  /** The open transaction's manager, or the pool's. */
  get manager(): EntityManager {
    return this.transaction.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.transaction.getStore() !== undefined;
  }

  /** The rows a statement returns, typed by the caller who wrote its column list. */
  rows<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return this.manager.query<T[]>(sql, parameters);
  }

  /** The first row, or null. */
  async one<T>(sql: string, parameters: unknown[] = []): Promise<T | null> {
    const [row] = await this.rows<T>(sql, parameters);
    return row ?? null;
  }

  /** How many rows an UPDATE or DELETE without RETURNING touched. */
  async affected(sql: string, parameters: unknown[] = []): Promise<number> {
    const [, count] = await this.manager.query<[unknown[], number]>(sql, parameters);
    return count;
  }

  /**
   * Runs the work in one transaction: every statement inside it commits together or not at all.
   * Work that is already inside a transaction joins it.
   */
  transactional<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    return this.dataSource.transaction((manager) => this.transaction.run(manager, work));
  }

  /** The rows of a large answer through a cursor, on a connection of its own. */
  async *stream<T>(sql: string, parameters: unknown[] = []): AsyncGenerator<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const rows = await runner.stream(sql, parameters);
      for await (const row of rows) yield row as T;
    } finally {
      await runner.release();
    }
  }
}
