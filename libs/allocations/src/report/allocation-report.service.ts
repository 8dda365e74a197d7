import { STANDING_AWARD_STATUSES } from '@grants/awards';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadPlan } from '../allocation-plan-loader';
import { AllocationNotPublishedException } from '../projects/allocation-projects.exceptions';
import { projectsOf } from '../projects/allocation-projects.view';
import { partnerLedgers } from '../projects/partner-ledger';
import type { IndicatorShare } from '../allocation-preview';
import type { AllocationReport, ReportProject, ReportSpend } from './allocation-report';

const SPEND_KEYS = [
  'allocationPence',
  'approvedPence',
  'paidPence',
  'releasedPence',
  'unspentPence',
] as const;

/**
 * The allocation report: each partner's published allocation with its indicator breakdown, the
 * projects approved from it and its spend against it (approved, paid, released, unspent). Every
 * figure is read from the published allocations and the ledgers the approvals and releases
 * write, so the report adds up to the pot exactly as the decisions did.
 */
@Injectable()
export class AllocationReportService {
  constructor(private readonly dataSource: DataSource) {}

  async report(planId: string): Promise<AllocationReport> {
    const manager = this.dataSource.manager;
    const loaded = await loadPlan(manager, planId);
    const { plan, allocations, indicators } = loaded;
    if (plan.status !== 'published' || !plan.publishedAt || !loaded.decisionRecordNumber)
      throw new AllocationNotPublishedException();
    const [round]: { code: string; title: string; fund_name: string }[] = await manager.query(
      `SELECT r.code, r.title, f.name AS fund_name
         FROM grant_rounds r JOIN funds f ON f.id = r.fund_id WHERE r.id = $1`,
      [plan.roundId],
    );
    const ledgers = await partnerLedgers(manager, plan.id);
    const projects = await projectsOf(manager, plan.roundId);
    const paid = await paidByAward(manager, plan.roundId);
    const partners = allocations.map((a) => {
      const ledger = ledgers.find((l) => l.organisationId === a.organisationId)!;
      const breakdown = a.breakdown as unknown as IndicatorShare[];
      return {
        organisationId: a.organisationId,
        name: a.organisationName,
        sharePercent: a.sharePercent,
        formulaPence: a.formulaPence,
        limitedBy: a.limitedBy,
        indicators: breakdown.map((b) => ({
          key: b.key,
          label: b.label,
          weight: b.weight,
          value: b.value,
          source: b.source,
          period: b.period,
          sharePercent: b.sharePercent,
          contributionPence: b.contributionPence,
        })),
        projects: (projects.get(a.organisationId) ?? []).flatMap((p): ReportProject[] =>
          p.awardId && p.awardStatus && STANDING_AWARD_STATUSES.includes(p.awardStatus)
            ? [
                {
                  applicationId: p.applicationId,
                  reference: p.reference,
                  title: p.title,
                  approvedPence: p.approvedPence ?? 0,
                  paidPence: paid.get(p.awardId) ?? 0,
                  awardStatus: p.awardStatus,
                },
              ]
            : [],
        ),
        allocationPence: a.amountPence,
        approvedPence: ledger.approvedPence,
        paidPence: ledger.paidPence,
        releasedPence: ledger.releasedPence,
        unspentPence: ledger.unspentPence,
      };
    });
    // The published breakdown names the indicators as they were, whatever the plan says now.
    const published = partners[0]?.indicators ?? [];
    return {
      planId: plan.id,
      roundId: plan.roundId,
      roundCode: round.code,
      roundTitle: round.title,
      fundName: round.fund_name,
      decisionRecordNumber: loaded.decisionRecordNumber,
      publishedAt: plan.publishedAt,
      potPence: plan.potPence,
      floorPence: plan.floorPence,
      capPence: plan.capPence,
      indicators: (published.length ? published : indicators).map((i, index) => ({
        key: i.key,
        label: i.label,
        weight: i.weight,
        partPence: partners.reduce((t, p) => t + (p.indicators[index]?.contributionPence ?? 0), 0),
      })),
      partners,
      totals: Object.fromEntries(
        SPEND_KEYS.map((key) => [key, partners.reduce((t, p) => t + p[key], 0)]),
      ) as unknown as ReportSpend,
    };
  }
}

/** What has been paid on each of the round's awards. */
async function paidByAward(
  manager: DataSource['manager'],
  roundId: string,
): Promise<Map<string, number>> {
  const rows: { award_id: string; paid: string }[] = await manager.query(
    `SELECT g.award_id, SUM(g.amount_pence) AS paid
       FROM grant_payments g JOIN awards w ON w.id = g.award_id
      WHERE w.round_id = $1 AND g.status = 'paid' GROUP BY g.award_id`,
    [roundId],
  );
  return new Map(rows.map((r) => [r.award_id, Number(r.paid)]));
}
