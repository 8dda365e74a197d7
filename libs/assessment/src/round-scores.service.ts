import { isUuid } from '@grants/core';
import { GrantRound, RoundNotFoundException } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ModerationService } from './moderation.service';
import { RubricService } from './rubric.service';
import { roundThresholds } from './scoring/round-thresholds';
import { bandOf, ScoreBand } from './scoring/score-bands';
import {
  assessorPercentage,
  ExactScore,
  formatPercentage,
  meanPercentage,
  spreadBasisPoints,
} from './scoring/weighted-score';

export interface ApplicationScore {
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
  reference: string;
  organisation_name: string;
  project_title: string;
  amount_requested_pence: string | null;
  assignment_id: string | null;
  criterion_id: string | null;
  score: number | null;
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
    const rows: ScoreRow[] = await this.dataSource.query(
      `SELECT a.id AS application_id, a.reference, o.name AS organisation_name,
              a.project_title, a.amount_requested_pence,
              aa.id AS assignment_id, cs.criterion_id, cs.score
         FROM applications a
         JOIN organisations o ON o.id = a.organisation_id
         LEFT JOIN assessor_assignments aa ON aa.application_id = a.id AND aa.status = 'submitted'
         LEFT JOIN criterion_scores cs ON cs.assignment_id = aa.id
        WHERE a.round_id = $1 AND a.status = 'eligible'
        ORDER BY a.sequence`,
      [roundId],
    );
    const thresholds = roundThresholds(round);
    const byApplication = new Map<
      string,
      { row: ScoreRow; assessments: Map<string, Map<string, number>> }
    >();
    for (const row of rows) {
      let entry = byApplication.get(row.application_id);
      if (!entry) {
        entry = { row, assessments: new Map() };
        byApplication.set(row.application_id, entry);
      }
      if (row.assignment_id && row.criterion_id !== null && row.score !== null) {
        const scores = entry.assessments.get(row.assignment_id) ?? new Map<string, number>();
        scores.set(row.criterion_id, row.score);
        entry.assessments.set(row.assignment_id, scores);
      }
    }
    return [...byApplication.values()].map(({ row, assessments }) => {
      // A submitted assessment has a score for every criterion (submit checks it).
      const percentages = [...assessments.values()]
        .filter((scores) => criteria.every((c) => scores.has(c.id)))
        .map((scores) => assessorPercentage(criteria, scores));
      const mean = meanPercentage(percentages);
      const spreadBp = spreadBasisPoints(percentages);
      const flagged = spreadBp > settings.moderationSpreadBp;
      const moderation = moderated.get(row.application_id) ?? null;
      // An agreed score stands in place of the assessors' mean.
      const score =
        moderation?.agreedScoreBp != null
          ? { numerator: BigInt(moderation.agreedScoreBp), denominator: 100n }
          : mean;
      return {
        applicationId: row.application_id,
        reference: row.reference,
        organisationName: row.organisation_name,
        projectTitle: row.project_title,
        amountRequestedPence:
          row.amount_requested_pence === null ? null : Number(row.amount_requested_pence),
        assessorCount: percentages.length,
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
