import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/** Statements that only open or close a transaction: counted apart from the work itself. */
const TRANSACTION_CONTROL = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

export interface StatementRecorder {
  /** The statements a call sent to the database, in order, without transaction control. */
  during(work: () => Promise<unknown>): Promise<string[]>;
}

const RECORDED = Symbol('recorded');

/**
 * Records every statement the app's connections send, whichever client runs it (a repository, a
 * transaction, a stream), by wrapping each pooled client's `query` the first time it is lent out.
 */
export function recordStatements(dataSource: DataSource): StatementRecorder {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  let current: string[] | null = null;
  pool.on('acquire', (client: PoolClient & { [RECORDED]?: true }) => {
    if (client[RECORDED]) return;
    client[RECORDED] = true;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const [first] = args;
      // A stream carries its SQL on the cursor it submits.
      const submitted = first as { text?: string; cursor?: { text?: string } } | null;
      const text =
        typeof first === 'string' ? first : (submitted?.text ?? submitted?.cursor?.text ?? '');
      if (current && !TRANSACTION_CONTROL.test(text))
        current.push(text.replace(/\s+/g, ' ').trim());
      return query(...args);
    };
  });
  return {
    async during(work) {
      current = [];
      try {
        await work();
        return current;
      } finally {
        current = null;
      }
    },
  };
}
