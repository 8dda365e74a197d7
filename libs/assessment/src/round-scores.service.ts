import { ApplicationStatus } from '@grants/applications';
import { isUuid } from '@grants/core';
import { GrantRound, RoundNotFoundException } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ModerationService } from './moderation.service';
import { RubricService } from './rubric.service';
import { roundThresholds } from './scoring/round-thresholds';
import { bandOf, ScoreBand } from './scoring/score-bands';
import {
  commonDenominator,
  ExactScore,
  formatPercentage,
  scoreFromPoints,
  spreadFromPoints,
} from './scoring/weighted-score';

/** Applications that are scored: eligible ones, and the same once the decision is made. */
export const SCORED_STATUSES: ApplicationStatus[] = ['eligible', 'awarded', 'unsuccessful'];

export interface ApplicationScore {
  status: ApplicationStatus;
  applicationId: string;
  reference: string;
  organisationName: string;
  projectTitle: string;
  amountRequestedPence: number | null;
  /** Submitted assessments counted. */
  assessorCount: number;
  score: ExactScore | null;
  /** Two decimals, rounded down ("69.99"); null before any submitted assessment. */
  percentage: string | null;
  band: ScoreBand | null;
  spreadBp: number;
  /** Assessors further apart than the round allows. */
  flagged: boolean;
  /** Flagged and not yet resolved by a moderator. */
  needsModeration: boolean;
  /** The assessors' mean before moderation ('69.99'); the score is the agreed one when there is one. */
  assessorsPercentage: string | null;
  moderation: { agreedPercentage: string | null; note: string } | null;
}

interface ScoreRow {
  application_id: string;
  status: ApplicationStatus;
  reference: string;
  organisation_name: string;
  project_title: string;
  amount_requested_pence: string | null;
  assessors: number;
  /** Whole numbers as text (numeric in SQL): BigInt here. */
  total_points: string;
  low_points: string | null;
  high_points: string | null;
}

/**
 * Every eligible application's score in a round, from one query over the submitted scores and
 * one pass in memory (no query per application): the scores overview and the recommendation
 * read this.
 */
@Injectable()
export class RoundScoresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rubric: RubricService,
    private readonly moderation: ModerationService,
  ) {}

  async forRound(roundId: string): Promise<ApplicationScore[]> {
    if (!isUuid(roundId)) throw new RoundNotFoundException();
    const round = await this.dataSource.manager.findOneBy(GrantRound, { id: roundId });
    if (!round) throw new RoundNotFoundException();
    const [criteria, settings, moderations] = await Promise.all([
      this.rubric.criteria(roundId),
      this.rubric.settings(roundId),
      this.moderation.forRound(roundId),
    ]);
    const moderated = new Map(moderations.map((m) => [m.applicationId, m]));
    // Exact in whole numbers: each submitted assessment's points (see commonDenominator) are
    // summed in SQL, so the database returns one row per application, not one per score.
    const l = commonDenominator(criteria);
    const rows: ScoreRow[] = await this.dataSource.query(
      `WITH assessed AS (
         SELECT aa.application_id,
                sum(c.weight::numeric * cs.score * div($2::numeric, c.max_score)) AS points
           FROM assessor_assignments aa
           JOIN applications a ON a.id = aa.application_id
           JOIN criterion_scores cs ON cs.assignment_id = aa.id
           JOIN assessment_criteria c ON c.id = cs.criterion_id
          WHERE a.round_id = $1 AND a.status = ANY($4) AND aa.status = 'submitted'
          GROUP BY aa.id, aa.application_id
         -- A submitted assessment scores every criterion (submit checks it); count to be sure.
         HAVING count(*) = $3
       )
       SELECT a.id AS application_id, a.status, a.reference, o.name AS organisation_name,
              a.project_title, a.amount_requested_pence,
              count(s.points)::int AS assessors,
              coalesce(sum(s.points), 0)::text AS total_points,
              min(s.points)::text AS low_points, max(s.points)::text AS high_points
         FROM applications a
         JOIN organisations o ON o.id = a.organisation_id
         LEFT JOIN assessed s ON s.application_id = a.id
        WHERE a.round_id = $1 AND a.status = ANY($4)
        GROUP BY a.id, o.name
        ORDER BY a.sequence`,
      [roundId, l.toString(), criteria.length, SCORED_STATUSES],
    );
    const thresholds = roundThresholds(round);
    return rows.map((row) => {
      const mean = scoreFromPoints(BigInt(row.total_points), row.assessors, l);
      const spreadBp =
        row.assessors > 1
          ? spreadFromPoints(BigInt(row.low_points!), BigInt(row.high_points!), l)
          : 0;
      const flagged = spreadBp > settings.moderationSpreadBp;
      const moderation = moderated.get(row.application_id) ?? null;
      // An agreed score stands in place of the assessors' mean.
      const score =
        moderation?.agreedScoreBp != null
          ? { numerator: BigInt(moderation.agreedScoreBp), denominator: 100n }
          : mean;
      return {
        applicationId: row.application_id,
        status: row.status,
        reference: row.reference,
        organisationName: row.organisation_name,
        projectTitle: row.project_title,
        amountRequestedPence:
          row.amount_requested_pence === null ? null : Number(row.amount_requested_pence),
        assessorCount: row.assessors,
        score,
        percentage: score ? formatPercentage(score) : null,
        band: score ? bandOf(score, thresholds) : null,
        spreadBp,
        flagged,
        needsModeration: flagged && !moderation,
        assessorsPercentage: mean ? formatPercentage(mean) : null,
        moderation: moderation
          ? {
              agreedPercentage:
                moderation.agreedScoreBp === null
                  ? null
                  : formatPercentage({
                      numerator: BigInt(moderation.agreedScoreBp),
                      denominator: 100n,
                    }),
              note: moderation.note,
            }
          : null,
      };
    });
  }
}

/** Highest score first; equal scores by the earlier reference (the stated tie rule). */
export function rankByScore(scores: ApplicationScore[]): ApplicationScore[] {
  return [...scores]
    .filter((s) => s.score !== null)
    .sort((a, b) => {
      const diff =
        b.score!.numerator * a.score!.denominator - a.score!.numerator * b.score!.denominator;
      if (diff !== 0n) return diff > 0n ? 1 : -1;
      return a.reference.localeCompare(b.reference);
    });
}
