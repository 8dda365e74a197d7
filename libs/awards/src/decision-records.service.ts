import { Actor, AuditService, Clock, DomainException, isUuid } from '@grants/core';
import { GrantRound, RoundNotFoundException } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { DecisionRecordNotFoundException } from './awards.exceptions';
import { DecisionRecord } from './entities/decision-record.entity';

export interface DecisionRecordAward {
  reference: string;
  organisationName: string;
  projectTitle: string;
  amountPence: number;
}

/** A partner's share of the pot, when the record publishes an allocation round's allocations. */
export interface DecisionRecordAllocation {
  organisationName: string;
  /** "33.51" (percent of the pot, by the formula). */
  sharePercent: string;
  amountPence: number;
}

/** A decision record with what its public page, print view and PDF show. */
export interface DecisionRecordView {
  id: string;
  roundId: string;
  number: string;
  title: string;
  summary: string;
  declarations: string;
  roundTitle: string;
  fundName: string;
  /** All the round's contributions. */
  budgetPence: number;
  totalAwardedPence: number;
  awardsCount: number;
  declinedCount: number;
  signedOffAt: Date;
  signedOffByName: string;
  publishedAt: Date | null;
  /** Largest first, then by reference. */
  awards: DecisionRecordAward[];
  /**
   * An allocation round's record: the partners' allocations, in the plan's order (empty for any
   * other record). Its awards are then the partners' projects approved since, and its total and
   * count are the allocations'.
   */
  allocations: DecisionRecordAllocation[];
}

/** Reading decision records, and publishing them for the public and the Police and Crime Panel. */
@Injectable()
export class DecisionRecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Published records, newest first (the public list); only those rounds' when given. */
  async published(roundIds?: string[]): Promise<DecisionRecordView[]> {
    const records = await this.dataSource.manager.find(DecisionRecord, {
      where: {
        publishedAt: Not(IsNull()),
        ...(roundIds ? { roundId: In(roundIds.filter((id) => isUuid(id))) } : {}),
      },
      order: { signedOffAt: 'DESC', number: 'DESC' },
    });
    return this.views(records);
  }

  /** A published record by its number: drafts of the public record do not exist for the public. */
  async publishedByNumber(number: string): Promise<DecisionRecordView> {
    const record = await this.dataSource.manager.findOneBy(DecisionRecord, {
      number,
      publishedAt: Not(IsNull()),
    });
    if (!record) throw new DecisionRecordNotFoundException();
    return this.view(record);
  }

  /** The round's record for staff, published or not (null before sign-off). */
  async forRound(roundId: string): Promise<DecisionRecordView | null> {
    if (!isUuid(roundId)) return null;
    const record = await this.dataSource.manager.findOneBy(DecisionRecord, { roundId });
    return record ? this.view(record) : null;
  }

  /** Publishes the round's record; publishing twice changes nothing. */
  async publish(roundId: string, actor: Actor): Promise<DecisionRecordView> {
    if (!isUuid(roundId)) throw new RoundNotFoundException();
    await this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(GrantRound, { id: roundId })))
        throw new RoundNotFoundException();
      const record = await manager.findOne(DecisionRecord, {
        where: { roundId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!record)
        throw new DomainException(
          'not_signed_off',
          'The decision has not been signed off yet, so there is no record to publish',
          409,
        );
      if (record.publishedAt) return;
      const publishedAt = this.clock.now();
      await manager.update(DecisionRecord, { id: record.id }, { publishedAt });
      await this.audit.record(manager, actor, {
        action: 'decision-record.published',
        subjectType: 'decision-record',
        subjectId: record.id,
        before: { publishedAt: null },
        after: { publishedAt: publishedAt.toISOString(), number: record.number },
      });
    });
    return (await this.forRound(roundId))!;
  }

  private async view(record: DecisionRecord): Promise<DecisionRecordView> {
    return (await this.views([record]))[0];
  }

  /** Views for many records in two queries, whatever their number (the public list). */
  private async views(records: DecisionRecord[]): Promise<DecisionRecordView[]> {
    if (records.length === 0) return [];
    const rounds: { id: string; title: string; fund_name: string; budget: string }[] =
      await this.dataSource.query(
        `SELECT r.id, r.title, f.name AS fund_name,
                (SELECT COALESCE(SUM(amount_pence), 0) FROM round_budget_contributions c WHERE c.round_id = r.id) AS budget
           FROM grant_rounds r JOIN funds f ON f.id = r.fund_id WHERE r.id = ANY($1)`,
        [records.map((r) => r.roundId)],
      );
    const awards: {
      decision_record_id: string;
      reference: string;
      organisation_name: string;
      project_title: string;
      amount_pence: string;
    }[] = await this.dataSource.query(
      `SELECT w.decision_record_id, a.reference, o.name AS organisation_name, a.project_title,
              w.amount_pence
         FROM awards w
         JOIN applications a ON a.id = w.application_id
         JOIN organisations o ON o.id = w.organisation_id
        WHERE w.decision_record_id = ANY($1)
        ORDER BY w.amount_pence DESC, a.reference`,
      [records.map((r) => r.id)],
    );
    // Allocations are written by @grants/allocations (which builds on this library), so they are
    // read by their table here rather than through that library.
    const allocations: {
      decision_record_id: string;
      organisation_name: string;
      share_percent: string;
      amount_pence: string;
    }[] = await this.dataSource.query(
      `SELECT p.decision_record_id, pa.organisation_name, pa.share_percent, pa.amount_pence
         FROM partner_allocations pa JOIN allocation_plans p ON p.id = pa.plan_id
        WHERE p.decision_record_id = ANY($1)
        ORDER BY pa.position`,
      [records.map((r) => r.id)],
    );
    return records.map((record) => {
      const round = rounds.find((r) => r.id === record.roundId)!;
      return {
        id: record.id,
        roundId: record.roundId,
        number: record.number,
        title: record.title,
        summary: record.summary,
        declarations: record.declarations,
        roundTitle: round.title,
        fundName: round.fund_name,
        budgetPence: Number(round.budget),
        totalAwardedPence: record.totalAwardedPence,
        awardsCount: record.awardsCount,
        declinedCount: record.declinedCount,
        signedOffAt: record.signedOffAt,
        signedOffByName: record.signedOffByName,
        publishedAt: record.publishedAt,
        awards: awards
          .filter((a) => a.decision_record_id === record.id)
          .map((a) => ({
            reference: a.reference,
            organisationName: a.organisation_name,
            projectTitle: a.project_title,
            amountPence: Number(a.amount_pence),
          })),
        allocations: allocations
          .filter((a) => a.decision_record_id === record.id)
          .map((a) => ({
            organisationName: a.organisation_name,
            sharePercent: a.share_percent,
            amountPence: Number(a.amount_pence),
          })),
      };
    });
  }
}
