import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Where a round's decision stands, as the decisions list shows it. */
export type DecisionRoundStage = 'to-decide' | 'decided' | 'published';

/** A scored round whose package has gone to the decision maker (or is already signed off). */
export interface DecisionRound {
  roundId: string;
  title: string;
  fundName: string;
  stage: DecisionRoundStage;
  submittedAt: Date | null;
  recordNumber: string | null;
  recommendedCount: number;
  approvedCount: number;
  declinedCount: number;
  undecidedCount: number;
  budgetPence: number;
  approvedPence: number;
}

/** A closed scored round whose recommendation the grants officer has not sent yet. */
export interface AwaitingRound {
  roundId: string;
  title: string;
  fundName: string;
  closesAt: Date;
}

/** A public-vote round whose every ballot result is published (or whose record is signed off). */
export interface VoteDecisionRound {
  roundId: string;
  title: string;
  fundName: string;
  stage: DecisionRoundStage;
  /** When the last area's result was published. */
  resultsPublishedAt: Date | null;
  recordNumber: string | null;
  areaCount: number;
  budgetPence: number;
  awardedPence: number | null;
}

interface DecisionRoundRow {
  round_id: string;
  title: string;
  fund_name: string;
  submitted_at: Date | null;
  record_number: string | null;
  published_at: Date | null;
  recommended: string;
  approved: string;
  declined: string;
  undecided: string;
  budget_pence: string;
  approved_pence: string;
}

/**
 * The rounds on the decisions list, each with its counts and money, in one query rather than a
 * package per round: the counts follow DecisionPackageService.view (decisions on the items as
 * sent; "still to decide" is a recommended item with no decision).
 */
@Injectable()
export class DecisionRounds {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<DecisionRound[]> {
    const rows: DecisionRoundRow[] = await this.dataSource.query(
      `SELECT r.id AS round_id, r.title, f.name AS fund_name, rr.submitted_at,
              dr.number AS record_number, dr.published_at,
              COALESCE(i.recommended, 0) AS recommended, COALESCE(i.approved, 0) AS approved,
              COALESCE(i.declined, 0) AS declined, COALESCE(i.undecided, 0) AS undecided,
              COALESCE(i.approved_pence, 0) AS approved_pence,
              COALESCE(b.budget_pence, 0) AS budget_pence
         FROM grant_rounds r
         JOIN funds f ON f.id = r.fund_id
         LEFT JOIN round_recommendations rr ON rr.round_id = r.id
         LEFT JOIN decision_records dr ON dr.round_id = r.id
         LEFT JOIN (
           SELECT it.round_id,
                  COUNT(*) FILTER (WHERE it.recommended) AS recommended,
                  COUNT(*) FILTER (WHERE d.outcome = 'approved') AS approved,
                  COUNT(*) FILTER (WHERE d.outcome = 'declined') AS declined,
                  COUNT(*) FILTER (WHERE it.recommended AND d.application_id IS NULL) AS undecided,
                  SUM(d.amount_pence) FILTER (WHERE d.outcome = 'approved') AS approved_pence
             FROM recommendation_items it
             LEFT JOIN application_decisions d ON d.application_id = it.application_id
            GROUP BY it.round_id
         ) i ON i.round_id = r.id
         LEFT JOIN (
           SELECT round_id, SUM(amount_pence) AS budget_pence
             FROM round_budget_contributions
            GROUP BY round_id
         ) b ON b.round_id = r.id
        WHERE r.decision_method = 'scored'
          AND (rr.status = 'submitted' OR dr.id IS NOT NULL)
        ORDER BY COALESCE(rr.submitted_at, dr.signed_off_at) DESC, r.title, r.id`,
    );
    return rows.map((row) => ({
      roundId: row.round_id,
      title: row.title,
      fundName: row.fund_name,
      stage: row.record_number === null ? 'to-decide' : row.published_at ? 'published' : 'decided',
      submittedAt: row.submitted_at,
      recordNumber: row.record_number,
      recommendedCount: Number(row.recommended),
      approvedCount: Number(row.approved),
      declinedCount: Number(row.declined),
      undecidedCount: Number(row.undecided),
      budgetPence: Number(row.budget_pence),
      approvedPence: Number(row.approved_pence),
    }));
  }

  /**
   * Public-vote rounds ready for the decision maker (every ballot's result published) or decided,
   * in one grouped query: newest results or sign-off first.
   */
  async voteRounds(): Promise<VoteDecisionRound[]> {
    const rows: {
      round_id: string;
      title: string;
      fund_name: string;
      record_number: string | null;
      published_at: Date | null;
      total_awarded_pence: string | null;
      ballots: string;
      results_published_at: Date | null;
      budget_pence: string;
    }[] = await this.dataSource.query(
      `SELECT r.id AS round_id, r.title, f.name AS fund_name,
              dr.number AS record_number, dr.published_at, dr.total_awarded_pence,
              COALESCE(b.ballots, 0) AS ballots, b.results_published_at,
              (SELECT COALESCE(SUM(c.amount_pence), 0) FROM round_budget_contributions c
                WHERE c.round_id = r.id) AS budget_pence
         FROM grant_rounds r
         JOIN funds f ON f.id = r.fund_id
         LEFT JOIN decision_records dr ON dr.round_id = r.id
         LEFT JOIN (
           SELECT round_id, COUNT(*) AS ballots,
                  COUNT(*) FILTER (WHERE status = 'published') AS published,
                  MAX(results_published_at) AS results_published_at
             FROM ballots
            GROUP BY round_id
         ) b ON b.round_id = r.id
        WHERE r.decision_method = 'public-vote'
          AND (dr.id IS NOT NULL OR (b.ballots > 0 AND b.published = b.ballots))
        ORDER BY COALESCE(dr.signed_off_at, b.results_published_at) DESC, r.title, r.id`,
    );
    return rows.map((row) => ({
      roundId: row.round_id,
      title: row.title,
      fundName: row.fund_name,
      stage: row.record_number === null ? 'to-decide' : row.published_at ? 'published' : 'decided',
      resultsPublishedAt: row.results_published_at,
      recordNumber: row.record_number,
      areaCount: Number(row.ballots),
      budgetPence: Number(row.budget_pence),
      awardedPence: row.total_awarded_pence === null ? null : Number(row.total_awarded_pence),
    }));
  }

  /** Closed scored rounds still being assessed: what will come to the decision maker next. */
  async awaiting(): Promise<AwaitingRound[]> {
    const rows: { round_id: string; title: string; fund_name: string; closes_at: Date }[] =
      await this.dataSource.query(
        `SELECT r.id AS round_id, r.title, f.name AS fund_name, r.closes_at
           FROM grant_rounds r
           JOIN funds f ON f.id = r.fund_id
           LEFT JOIN round_recommendations rr ON rr.round_id = r.id
          WHERE r.decision_method = 'scored' AND r.status = 'closed'
            AND rr.status IS DISTINCT FROM 'submitted'
            AND NOT EXISTS (SELECT 1 FROM decision_records dr WHERE dr.round_id = r.id)
          ORDER BY r.closes_at DESC, r.title, r.id`,
      );
    return rows.map((row) => ({
      roundId: row.round_id,
      title: row.title,
      fundName: row.fund_name,
      closesAt: row.closes_at,
    }));
  }
}
