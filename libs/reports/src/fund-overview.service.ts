import { STANDING_AWARD_STATUSES } from '@grants/awards';
import type { RoundStatus } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface FundRoundFigures {
  roundId: string;
  title: string;
  status: RoundStatus;
  opensAt: Date;
  closesAt: Date;
  /** Sent at least once (drafts never count). */
  received: number;
  /** Standing grants (offered, accepted, closed) and their money. */
  awarded: number;
  awardedPence: number;
  budgetPence: number;
}

export interface FundOverview {
  fundId: string;
  name: string;
  owningOffice: string;
  rounds: FundRoundFigures[];
  totals: { received: number; awarded: number; awardedPence: number; budgetPence: number };
}

interface Row {
  fund_id: string;
  fund_name: string;
  owning_office: string;
  round_id: string | null;
  title: string | null;
  status: RoundStatus | null;
  opens_at: Date | null;
  closes_at: Date | null;
  received: number;
  awarded: number;
  awarded_pence: string;
  budget_pence: string;
}

/**
 * Every fund with its rounds' headline figures, like the Commissioner's Safety Fund's table of
 * six rounds and what each awarded: one grouped query over all rounds.
 */
@Injectable()
export class FundOverviewService {
  constructor(private readonly dataSource: DataSource) {}

  async overview(): Promise<FundOverview[]> {
    const rows: Row[] = await this.dataSource.query(
      `WITH received AS (
         SELECT round_id, count(*)::int AS n FROM applications
          WHERE first_submitted_at IS NOT NULL GROUP BY round_id
       ), awarded AS (
         SELECT round_id, count(*)::int AS n, sum(amount_pence) AS pence FROM awards
          WHERE status = ANY($1) GROUP BY round_id
       ), budget AS (
         SELECT round_id, sum(amount_pence) AS pence FROM round_budget_contributions GROUP BY round_id
       )
       SELECT f.id AS fund_id, f.name AS fund_name, f.owning_office,
              r.id AS round_id, r.title, r.status, r.opens_at, r.closes_at,
              coalesce(rc.n, 0) AS received,
              coalesce(aw.n, 0) AS awarded,
              coalesce(aw.pence, 0)::text AS awarded_pence,
              coalesce(b.pence, 0)::text AS budget_pence
         FROM funds f
         LEFT JOIN grant_rounds r ON r.fund_id = f.id
         LEFT JOIN received rc ON rc.round_id = r.id
         LEFT JOIN awarded aw ON aw.round_id = r.id
         LEFT JOIN budget b ON b.round_id = r.id
        ORDER BY f.name, r.closes_at, r.title`,
      [STANDING_AWARD_STATUSES],
    );
    const funds = new Map<string, FundOverview>();
    for (const row of rows) {
      let fund = funds.get(row.fund_id);
      if (!fund) {
        fund = {
          fundId: row.fund_id,
          name: row.fund_name,
          owningOffice: row.owning_office,
          rounds: [],
          totals: { received: 0, awarded: 0, awardedPence: 0, budgetPence: 0 },
        };
        funds.set(row.fund_id, fund);
      }
      if (!row.round_id) continue;
      const round: FundRoundFigures = {
        roundId: row.round_id,
        title: row.title!,
        status: row.status!,
        opensAt: row.opens_at!,
        closesAt: row.closes_at!,
        received: row.received,
        awarded: row.awarded,
        awardedPence: Number(row.awarded_pence),
        budgetPence: Number(row.budget_pence),
      };
      fund.rounds.push(round);
      fund.totals.received += round.received;
      fund.totals.awarded += round.awarded;
      fund.totals.awardedPence += round.awardedPence;
      fund.totals.budgetPence += round.budgetPence;
    }
    return [...funds.values()];
  }
}
