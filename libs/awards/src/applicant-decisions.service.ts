import { Application, ApplicationMessage } from '@grants/applications';
import { RecommendationItem, RubricService } from '@grants/assessment';
import { Award } from './entities/award.entity';
import { DecisionRecord } from './entities/decision-record.entity';
import { formatPence, formatUkDate } from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface DecisionCommon {
  recordNumber: string;
  /** The public record's page, once it is published (before then the number alone). */
  recordHref: string | null;
  /** "72.50%", only when the round publishes scores to applicants; otherwise null. */
  score: string | null;
}

export interface AwardedDecision extends DecisionCommon {
  kind: 'awarded';
  amountPence: number;
  amountDisplay: string;
  /** What they asked for, when the offer is a different amount. */
  requestedDisplay: string | null;
  offeredOn: string;
}

export interface UnsuccessfulDecision extends DecisionCommon {
  kind: 'unsuccessful';
  /** The decline notice as sent: the officer's feedback, or the vote's result. */
  paragraphs: string[];
}

export type ApplicantDecision = AwardedDecision | UnsuccessfulDecision;

/**
 * The signed-off decision on an application as its applicant sees it. The caller has already
 * checked the applicant acts for the application's organisation. Scores are read only when the
 * round publishes them, so no page can show one by mistake.
 */
@Injectable()
export class ApplicationDecisions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rubric: RubricService,
  ) {}

  async of(application: Application): Promise<ApplicantDecision | null> {
    if (application.status !== 'awarded' && application.status !== 'unsuccessful') return null;
    const record = await this.dataSource.manager.findOneBy(DecisionRecord, {
      roundId: application.roundId,
    });
    if (!record) return null;
    const common = {
      recordNumber: record.number,
      recordHref: record.publishedAt ? `/decisions/${encodeURIComponent(record.number)}` : null,
    };
    if (application.status === 'unsuccessful') {
      // The notice as it was sent, whichever way the round decided (and with the score in it
      // when the round published scores).
      const notice = await this.dataSource.manager.findOne(ApplicationMessage, {
        where: { applicationId: application.id, kind: 'unsuccessful' },
        order: { createdAt: 'DESC' },
      });
      return {
        ...common,
        score: null,
        kind: 'unsuccessful',
        paragraphs: (notice?.body ?? '').split(/\r?\n\s*\r?\n/).filter((p) => p.trim() !== ''),
      };
    }
    const award = await this.dataSource.manager.findOneBy(Award, {
      applicationId: application.id,
    });
    if (!award) return null;
    const requested = application.amountRequestedPence;
    return {
      ...common,
      score: await this.publishedScore(application),
      kind: 'awarded',
      amountPence: award.amountPence,
      amountDisplay: formatPence(award.amountPence),
      requestedDisplay:
        requested !== null && requested !== award.amountPence ? formatPence(requested) : null,
      offeredOn: formatUkDate(award.offeredAt),
    };
  }

  private async publishedScore(application: Application): Promise<string | null> {
    const { publishScores } = await this.rubric.settings(application.roundId);
    if (!publishScores) return null;
    const item = await this.dataSource.manager.findOneBy(RecommendationItem, {
      applicationId: application.id,
    });
    return item ? `${item.percentage}%` : null;
  }
}
