import { roundThresholds, RoundScoresService, ScoreBand } from '@grants/assessment';
import type { ApplicationStatus } from '@grants/applications';
import { STANDING_AWARD_STATUSES } from '@grants/awards';
import { TallyService } from '@grants/ballots';
import { isUuid } from '@grants/core';
import { GrantRound, RoundNotFoundException } from '@grants/funds';
import { GrantViewsService } from '@grants/monitoring';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { reportSummary, SummaryFacts } from './report-summary';
import type { AreaFigures, MoneyCount, RoundReport } from './round-report';
import { scoreDistribution } from './score-distribution';

/** Every status an application reaches only through an eligible appraisal. */
export const APPRAISED_ELIGIBLE: ApplicationStatus[] = [
  'eligible',
  'shortlisted',
  'not-shortlisted',
  'awarded',
  'unsuccessful',
];

interface CountRow {
  area_id: string | null;
  received: number;
  eligible: number;
  ineligible: number;
  withdrawn: number;
}

interface AwardRow {
  status: string;
  count: number;
  amount: string;
}

interface BallotRow {
  id: string;
  area_id: string;
  status: string;
}

const NO_MONEY: MoneyCount = { count: 0, amountPence: 0 };

/**
 * A round's report from its stored rows: a handful of grouped queries run side by side (counts
 * by area, awards by status, the budget, shortlists and ballots) and the assessment library's
 * own scores, never a query per application.
 */
@Injectable()
export class RoundReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scores: RoundScoresService,
    private readonly ledger: GrantViewsService,
    private readonly tally: TallyService,
  ) {}

  async report(roundId: string): Promise<RoundReport> {
    if (!isUuid(roundId)) throw new RoundNotFoundException();
    const round = await this.dataSource.manager.findOne(GrantRound, {
      where: { id: roundId },
      relations: { fund: true, budgetContributions: true, areas: true },
    });
    if (!round) throw new RoundNotFoundException();
    const db = this.dataSource.manager;
    const [counts, awardRows, budget, shortlists, ballots, records, scores] = await Promise.all([
      db.query(
        `SELECT area_id,
                count(*)::int AS received,
                count(*) FILTER (WHERE status = ANY($2))::int AS eligible,
                count(*) FILTER (WHERE status = 'ineligible')::int AS ineligible,
                count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn
           FROM applications
          WHERE round_id = $1 AND first_submitted_at IS NOT NULL
          GROUP BY area_id`,
        [roundId, APPRAISED_ELIGIBLE],
      ) as Promise<CountRow[]>,
      db.query(
        `SELECT status, count(*)::int AS count, coalesce(sum(amount_pence), 0)::text AS amount
           FROM awards WHERE round_id = $1 GROUP BY status`,
        [roundId],
      ) as Promise<AwardRow[]>,
      this.ledger.roundLedger(roundId),
      db.query(
        `SELECT area_id, count(*)::int AS count FROM shortlist_entries WHERE round_id = $1 GROUP BY area_id`,
        [roundId],
      ) as Promise<{ area_id: string; count: number }[]>,
      db.query(`SELECT id, area_id, status FROM ballots WHERE round_id = $1`, [roundId]) as Promise<
        BallotRow[]
      >,
      db.query(
        `SELECT number, signed_off_at, published_at FROM decision_records WHERE round_id = $1`,
        [roundId],
      ) as Promise<{ number: string; signed_off_at: Date; published_at: Date | null }[]>,
      round.decisionMethod === 'scored' ? this.scores.forRound(roundId) : Promise.resolve(null),
    ]);
    // One ballot per area; the count is the ballots library's own (counted, non-void votes).
    const tallies = new Map(
      await Promise.all(
        ballots
          .filter((b) => b.status !== 'draft' && b.status !== 'scheduled')
          .map(async (b) => [b.area_id, await this.tally.count(b.id)] as const),
      ),
    );

    const sum = (key: keyof Omit<CountRow, 'area_id'>) =>
      counts.reduce((total, row) => total + row[key], 0);
    const received = sum('received');
    const eligible = sum('eligible');
    const ineligible = sum('ineligible');
    const withdrawn = sum('withdrawn');

    const money = (statuses: readonly string[]): MoneyCount =>
      awardRows
        .filter((row) => statuses.includes(row.status))
        .reduce(
          (total, row) => ({
            count: total.count + row.count,
            amountPence: total.amountPence + Number(row.amount),
          }),
          NO_MONEY,
        );

    const areas: AreaFigures[] = [...round.areas]
      .sort((a, b) => a.position - b.position)
      .map((area) => {
        const ballot = ballots.find((b) => b.area_id === area.id) ?? null;
        const tally = tallies.get(area.id);
        return {
          areaId: area.id,
          name: area.name,
          received: counts.find((row) => row.area_id === area.id)?.received ?? 0,
          shortlisted: shortlists.find((row) => row.area_id === area.id)?.count ?? 0,
          ballotStatus: ballot?.status ?? null,
          votes: tally?.totalVotes ?? 0,
          voided: tally?.voidedVotes ?? 0,
        };
      });

    let scoreFigures: RoundReport['scores'] = null;
    if (scores) {
      const thresholds = roundThresholds(round);
      const scored = scores.filter((s) => s.score !== null);
      const bands: Record<ScoreBand, number> = { recommend: 0, reserve: 0, 'not-recommended': 0 };
      for (const s of scored) bands[s.band!] += 1;
      scoreFigures = {
        recommendThresholdBp: thresholds.recommendBp,
        reserveThresholdBp: thresholds.reserveBp,
        scored: scored.length,
        unscored: scores.length - scored.length,
        bands,
        distribution: scoreDistribution(scored.map((s) => s.score!)),
      };
    }

    const record = records[0];
    const facts: SummaryFacts = {
      round: {
        id: round.id,
        title: round.title,
        code: round.code,
        fundId: round.fundId,
        fundName: round.fund.name,
        status: round.status,
        decisionMethod: round.decisionMethod,
        opensAt: round.opensAt,
        closesAt: round.closesAt,
      },
      applications: {
        received,
        eligible,
        ineligible,
        withdrawn,
        awaitingAppraisal: received - eligible - ineligible - withdrawn,
      },
      scores: scoreFigures,
      areas,
      awards: {
        awarded: money(STANDING_AWARD_STATUSES),
        declined: money(['declined']),
        expired: money(['expired']),
      },
      budget: {
        contributions: [...round.budgetContributions]
          .sort((a, b) => a.position - b.position)
          .map((c) => ({ sourceName: c.sourceName, amountPence: c.amountPence })),
        budgetPence: budget.budgetPence,
        committedPence: budget.committedPence,
        availablePence: budget.uncommittedPence,
        paidPence: budget.paidPence,
        returnedPence: budget.returnedPence,
        duePence: budget.duePence,
      },
      decision: record
        ? {
            number: record.number,
            signedOffAt: record.signed_off_at,
            publishedAt: record.published_at,
          }
        : null,
    };
    return { ...facts, summary: reportSummary(facts) };
  }

  /** The round's report only once its decision record is published (the public's version). */
  async published(roundId: string): Promise<RoundReport> {
    if (!isUuid(roundId)) throw new RoundNotFoundException();
    const [row]: { published: boolean }[] = await this.dataSource.query(
      `SELECT published_at IS NOT NULL AS published FROM decision_records WHERE round_id = $1`,
      [roundId],
    );
    if (!row?.published) throw new RoundNotFoundException();
    return this.report(roundId);
  }
}
