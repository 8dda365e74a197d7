import { ukToday } from '@grants/core';
import { Award, AwardStatus } from '@grants/awards';
import { RoundBudgetService } from '@grants/funds';
import { Applicant } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AwardVariation } from './entities/award-variation.entity';
import { GrantPayment } from './entities/grant-payment.entity';
import { MonitoringReturn } from './entities/monitoring-return.entity';
import { GrantRecords } from './grant-records';
import { isRagStatus, RagStatus } from './rag-status';

/** One grant in a list: who, what, how much, how it is going. Money in pence. */
export interface GrantSummary {
  awardId: string;
  applicationId: string;
  reference: string;
  projectTitle: string;
  organisationName: string;
  roundId: string;
  roundTitle: string;
  status: AwardStatus;
  amountPence: number;
  paidPence: number;
  /** The latest submitted return's status: the officer's, or the grantee's until reviewed. */
  rag: RagStatus | null;
  ragSource: 'officer' | 'grantee' | null;
  nextReturnDueOn: string | null;
  overdueReturns: number;
  returnsToReview: number;
  variationRequested: boolean;
  offerExpiresOn: string | null;
}

export interface GrantDetail {
  summary: GrantSummary;
  award: Award;
  payments: GrantPayment[];
  returns: MonitoringReturn[];
  variations: AwardVariation[];
  duePence: number;
}

/**
 * A round's money, reconciled: the budget is what is committed plus what is not, and what is
 * committed is what has been paid (net of money returned) plus what is still to pay.
 */
export interface RoundLedger {
  budgetPence: number;
  committedPence: number;
  uncommittedPence: number;
  paidPence: number;
  returnedPence: number;
  duePence: number;
  reconciles: boolean;
}

export interface PortfolioFilter {
  rag?: RagStatus | 'none';
  roundId?: string;
}

const SUMMARY_SQL = `
  SELECT a.id AS "awardId", a.application_id AS "applicationId", ap.reference, ap.project_title AS "projectTitle",
         o.name AS "organisationName", a.round_id AS "roundId", r.title AS "roundTitle", a.status,
         a.amount_pence AS "amountPence", a.offer_expires_on::text AS "offerExpiresOn",
         COALESCE((SELECT SUM(p.amount_pence) FROM grant_payments p WHERE p.award_id = a.id AND p.status = 'paid'), 0) AS "paidPence",
         latest.rag, latest.source AS "ragSource",
         (SELECT MIN(m.due_on)::text FROM monitoring_returns m
           WHERE m.award_id = a.id AND a.status = 'accepted'
             AND m.status IN ('due', 'more-information')) AS "nextReturnDueOn",
         (SELECT COUNT(*) FROM monitoring_returns m
           WHERE m.award_id = a.id AND a.status = 'accepted'
             AND m.status = 'due' AND m.due_on < $1::date) AS "overdueReturns",
         (SELECT COUNT(*) FROM monitoring_returns m
           WHERE m.award_id = a.id AND m.status = 'submitted') AS "returnsToReview",
         EXISTS (SELECT 1 FROM award_variations v WHERE v.award_id = a.id AND v.status = 'requested') AS "variationRequested"
    FROM awards a
    JOIN applications ap ON ap.id = a.application_id
    JOIN organisations o ON o.id = a.organisation_id
    JOIN grant_rounds r ON r.id = a.round_id
    LEFT JOIN LATERAL (
      SELECT COALESCE(m.officer_rag, m.grantee_rag) AS rag,
             CASE WHEN m.officer_rag IS NOT NULL THEN 'officer' ELSE 'grantee' END AS source
        FROM monitoring_returns m
       WHERE m.award_id = a.id AND m.submitted_at IS NOT NULL
       ORDER BY m.submitted_at DESC LIMIT 1) latest ON true`;

/** Read models of grants for the grantee's and the office's pages. */
@Injectable()
export class GrantViewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly grants: GrantRecords,
    private readonly budget: RoundBudgetService,
  ) {}

  /** Every grant of the organisations the applicant acts for, newest first. */
  async forApplicant(applicant: Applicant, now: Date): Promise<GrantSummary[]> {
    const rows = await this.dataSource.query(
      `${SUMMARY_SQL}
        WHERE a.organisation_id IN (SELECT organisation_id FROM organisation_members WHERE applicant_id = $2)
        ORDER BY a.offered_at DESC, ap.reference`,
      [ukToday(now), applicant.id],
    );
    return rows.map(toSummary);
  }

  /** Live grants (accepted, not closed) for the office, worst RAG first. */
  async portfolio(filter: PortfolioFilter, now: Date): Promise<GrantSummary[]> {
    const params: unknown[] = [ukToday(now)];
    const where = [`a.status = 'accepted'`];
    if (filter.roundId) {
      params.push(filter.roundId);
      where.push(`a.round_id = $${params.length}`);
    }
    if (filter.rag === 'none') where.push('latest.rag IS NULL');
    else if (filter.rag) {
      params.push(filter.rag);
      where.push(`latest.rag = $${params.length}`);
    }
    const rows = await this.dataSource.query(
      `${SUMMARY_SQL} WHERE ${where.join(' AND ')}
        ORDER BY CASE latest.rag WHEN 'red' THEN 0 WHEN 'amber' THEN 1 WHEN 'green' THEN 3 ELSE 2 END,
                 ap.reference`,
      params,
    );
    return rows.map(toSummary);
  }

  async detail(awardId: string, now: Date): Promise<GrantDetail> {
    const award = await this.grants.get(awardId);
    const [row] = await this.dataSource.query(`${SUMMARY_SQL} WHERE a.id = $2`, [
      ukToday(now),
      award.id,
    ]);
    const manager = this.dataSource.manager;
    const [payments, returns, variations] = await Promise.all([
      manager.find(GrantPayment, { where: { awardId: award.id }, order: { sequence: 'ASC' } }),
      manager.find(MonitoringReturn, { where: { awardId: award.id }, order: { sequence: 'ASC' } }),
      manager.find(AwardVariation, { where: { awardId: award.id }, order: { createdAt: 'ASC' } }),
    ]);
    const duePence =
      award.status === 'offered'
        ? award.amountPence
        : payments
            .filter((p) => p.status === 'scheduled' || p.status === 'due')
            .reduce((sum, p) => sum + p.amountPence, 0);
    return { summary: toSummary(row), award, payments, returns, variations, duePence };
  }

  /** The grantee's view of one grant (404 unless they act for its organisation). */
  async detailForApplicant(applicant: Applicant, applicationId: string, now: Date) {
    const award = await this.grants.forApplicant(applicant, applicationId);
    return this.detail(award.id, now);
  }

  async roundLedger(roundId: string): Promise<RoundLedger> {
    const budget = await this.budget.summary(roundId);
    const [row]: { paid: string; returned: string; due: string }[] = await this.dataSource.query(
      `SELECT
         (SELECT COALESCE(SUM(p.amount_pence), 0) FROM grant_payments p JOIN awards a ON a.id = p.award_id
           WHERE a.round_id = $1 AND p.status = 'paid') AS paid,
         (SELECT COALESCE(SUM(returned_pence), 0) FROM awards WHERE round_id = $1) AS returned,
         (SELECT COALESCE(SUM(p.amount_pence), 0) FROM grant_payments p JOIN awards a ON a.id = p.award_id
           WHERE a.round_id = $1 AND a.status = 'accepted' AND p.status IN ('scheduled', 'due'))
         + (SELECT COALESCE(SUM(amount_pence), 0) FROM awards WHERE round_id = $1 AND status = 'offered')
         + (SELECT COALESCE(SUM(c.amount_pence), 0) FROM budget_commitments c
             WHERE c.round_id = $1 AND NOT EXISTS (SELECT 1 FROM awards a WHERE a.application_id = c.application_id)) AS due`,
      [roundId],
    );
    const paidPence = Number(row.paid) - Number(row.returned);
    const duePence = Number(row.due);
    return {
      budgetPence: budget.budgetPence,
      committedPence: budget.committedPence,
      uncommittedPence: budget.availablePence,
      paidPence,
      returnedPence: Number(row.returned),
      duePence,
      reconciles:
        budget.budgetPence === budget.committedPence + budget.availablePence &&
        budget.committedPence === paidPence + duePence,
    };
  }

  /** Returns sent and waiting for an officer, and returns overdue, oldest due first. */
  async returnsQueue(now: Date) {
    const rows: (MonitoringReturn & {
      reference: string;
      organisationName: string;
      applicationId: string;
    })[] = await this.dataSource.query(
      `SELECT m.id, m.award_id AS "awardId", m.sequence, m.kind, m.status, m.due_on::text AS "dueOn",
                m.period_start_on::text AS "periodStartOn", m.period_end_on::text AS "periodEndOn",
                m.grantee_rag AS "granteeRag", m.submitted_at AS "submittedAt",
                ap.reference, ap.id AS "applicationId", o.name AS "organisationName"
           FROM monitoring_returns m
           JOIN awards a ON a.id = m.award_id AND a.status = 'accepted'
           JOIN applications ap ON ap.id = a.application_id
           JOIN organisations o ON o.id = a.organisation_id
          WHERE m.status = 'submitted' OR (m.status = 'due' AND m.due_on < $1::date)
          ORDER BY m.due_on, ap.reference, m.sequence`,
      [ukToday(now)],
    );
    return {
      toReview: rows.filter((r) => r.status === 'submitted'),
      overdue: rows.filter((r) => r.status === 'due'),
    };
  }
}

function toSummary(row: Record<string, unknown>): GrantSummary {
  return {
    awardId: row.awardId as string,
    applicationId: row.applicationId as string,
    reference: row.reference as string,
    projectTitle: row.projectTitle as string,
    organisationName: row.organisationName as string,
    roundId: row.roundId as string,
    roundTitle: row.roundTitle as string,
    status: row.status as AwardStatus,
    amountPence: Number(row.amountPence),
    paidPence: Number(row.paidPence),
    rag: isRagStatus(row.rag) ? row.rag : null,
    ragSource: row.rag ? (row.ragSource as 'officer' | 'grantee') : null,
    nextReturnDueOn: (row.nextReturnDueOn as string | null) ?? null,
    overdueReturns: Number(row.overdueReturns),
    returnsToReview: Number(row.returnsToReview),
    variationRequested: Boolean(row.variationRequested),
    offerExpiresOn: (row.offerExpiresOn as string | null) ?? null,
  };
}
