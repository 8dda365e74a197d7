import { createHash } from 'node:crypto';
import { Client } from 'pg';

/**
 * TypeORM sends every query unnamed, so PostgreSQL plans it afresh each time. For a read that
 * joins several tables the plan costs far more than running it (loading an application with
 * its round, fund, areas, organisation, area and budget lines: about 2 ms to plan against 0.2 ms
 * to run). Begin such a query's text with `/* prepared *\/` (`PREPARED` below; a TypeORM find
 * writes it for `comment: PREPARED`) and the pool's connections prepare it as a named statement
 * instead: planned a few times, then PostgreSQL keeps a generic plan. It works inside a
 * transaction too (`manager.query`). The hot writes (votes, submissions) are prepared the same
 * way: a statement of several steps costs PostgreSQL more to parse and plan than to run.
 *
 * Only marked queries are prepared: each shape is kept on every connection for its life, so the
 * marked shapes must be a bounded few (a query whose text grows with a list, `In([...])`, must not
 * be marked). PostgreSQL replans a prepared statement after a migration changes its tables, but
 * refuses one whose result columns changed type ("cached plan must not change result type")
 * until the connection closes: a migration that changes the type of a column these queries read
 * wants the processes restarted, as a deployment does. Named statements need a direct
 * connection or a pooler that keeps them (PgBouncer 1.21+ with `max_prepared_statements`).
 */
export const PREPARED = 'prepared';

/** The mark a prepared query's text begins with. */
const MARK = `/* ${PREPARED} */`;

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `prepared:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    names.set(text, name);
  }
  return name;
}

/** node-postgres' client, naming the queries marked `PREPARED`; given to the pool as its Client. */
export class PreparingClient extends Client {
  // The signature is node-postgres' own (many overloads); only a marked text is changed.
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    if (typeof config === 'string' && config.startsWith(MARK) && Array.isArray(values)) {
      const named = { name: statementName(config), text: config, values };
      return (super.query as (...args: unknown[]) => never)(named, callback);
    }
    return (super.query as (...args: unknown[]) => never)(config, values, callback);
  }
}
