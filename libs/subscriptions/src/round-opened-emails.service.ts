import { AppConfig, formatUk } from '@grants/core';
import { Fund, GrantRound } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export const ROUND_OPENED_TEMPLATE = 'subscriptions/round-opened';

/**
 * When a round opens, one email to each confirmed subscriber of its fund, written inside the
 * opening transaction. One INSERT ... SELECT however many subscribers there are (10,000 is one
 * statement, not 10,000 round trips), and the dedupe key "round-opened/<round>/<subscription>"
 * makes a second run of the opening (a retried job) write nothing.
 */
@Injectable()
export class RoundOpenedEmailsService {
  constructor(private readonly config: AppConfig) {}

  async write(manager: EntityManager, round: GrantRound, now = new Date()): Promise<string[]> {
    // Opened late, after its closing time (an outage): telling people it is open would be wrong.
    if (round.closesAt <= now) return [];
    const fund = round.fund ?? (await manager.findOneByOrFail(Fund, { id: round.fundId }));
    const base = this.config.PUBLIC_URL.replace(/\/+$/, '');
    // Unsubscribe tokens are URL-safe base64, so they go into the link as they are.
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO outbound_emails (to_address, template, data, dedupe_key)
       SELECT s.email,
              $2::text,
              jsonb_build_object(
                'fundName', $3::text,
                'roundTitle', $4::text,
                'closesAtUk', $5::text,
                'roundUrl', $6::text,
                'unsubscribeUrl', $7::text || s.unsubscribe_token
              ),
              'round-opened/' || $8::text || '/' || s.id::text
         FROM fund_subscriptions s
        WHERE s.fund_id = $1 AND s.status = 'confirmed'
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        round.fundId,
        ROUND_OPENED_TEMPLATE,
        fund.name,
        round.title,
        formatUk(round.closesAt),
        `${base}/rounds/${round.id}`,
        `${base}/subscriptions/unsubscribe?token=`,
        round.id,
      ],
    );
    return rows.map((row) => row.id);
  }
}
