import type { JsonObject } from '../util/json';

/**
 * Helpers for a hot path written as one SQL statement of several steps (data-modifying CTEs), so
 * it is one round trip and its own transaction. Each library writes the steps for its own
 * tables (an audit event, an outbox email) and the caller joins them.
 */

/** A value the statement computes (a column of an earlier step), not a parameter. */
export class SqlExpr {
  constructor(readonly sql: string) {}
}

/** The parameters of a statement built from steps: each value added gets the next `$n`. */
export class StatementParams {
  readonly values: unknown[] = [];

  /** `$n` (with a cast, if given) for a value; an expression stands for itself. */
  value(value: unknown, cast?: string): string {
    if (value instanceof SqlExpr) return value.sql;
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }

  /** JSON stored in a jsonb column. */
  json(value: JsonObject | SqlExpr | null): string {
    if (value instanceof SqlExpr) return value.sql;
    return this.value(value === null ? null : JSON.stringify(value), 'jsonb');
  }
}
