import { randomBytes } from 'node:crypto';
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

/**
 * A value only the statement will know (the reference number it issues) that texts and JSON
 * built beforehand must contain: write `slot.marker` where it goes, then `text` or `json` turn
 * the result into an expression that puts the value in at each marker. The marker is random per
 * slot and made of a private-use character, so no typed text can contain it by chance.
 */
export class StatementSlot {
  readonly marker = `\u{E000}${randomBytes(12).toString('hex')}\u{E000}`;

  /** `valueSql`: the SQL expression of the value, e.g. `numbered.reference`. */
  constructor(private readonly valueSql: string) {}

  text(params: StatementParams, text: string): SqlExpr {
    return new SqlExpr(
      `array_to_string(${params.value(text.split(this.marker), 'text[]')}, ${this.valueSql})`,
    );
  }

  /** The value goes inside JSON strings, so it is escaped as JSON first. */
  json(params: StatementParams, value: JsonObject): SqlExpr {
    const escaped = `substr(to_json(${this.valueSql})::text, 2, length(to_json(${this.valueSql})::text) - 2)`;
    return new SqlExpr(
      `array_to_string(${params.value(JSON.stringify(value).split(this.marker), 'text[]')}, ${escaped})::jsonb`,
    );
  }
}
