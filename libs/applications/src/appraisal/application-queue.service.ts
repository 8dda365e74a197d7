import { formatPence, formatUk, isUuid, spreadsheetCsv } from '@grants/core';
import { ORGANISATION_TYPES } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { answerRows } from '../application-answers.text';
import {
  APPLICATION_STATUSES,
  APPLICATION_STATUS_LABELS,
  ApplicationStatus,
} from '../application-status';
import { Application } from '../entities/application.entity';

export interface QueueFilter {
  roundId?: string;
  areaId?: string;
  /** Defaults to every status; drafts never sent are not shown to staff at all. */
  status?: ApplicationStatus;
}

export interface RoundApplicationCounts {
  byStatus: { status: ApplicationStatus; label: string; count: number }[];
  byArea: { areaId: string | null; areaName: string; count: number }[];
  total: number;
}

export const QUEUE_PAGE_SIZE = 200;

/** The officer's views over many applications: the queue, counts for a round, the CSV export. */
@Injectable()
export class ApplicationQueueService {
  constructor(private readonly dataSource: DataSource) {}

  /** Oldest submission first: the order an officer works through them. */
  list(filter: QueueFilter): Promise<Application[]> {
    const query = this.dataSource
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.round', 'round')
      .innerJoinAndSelect('round.fund', 'fund')
      .innerJoinAndSelect('a.organisation', 'organisation')
      .leftJoinAndSelect('a.area', 'area')
      .orderBy('a.submitted_at', 'ASC', 'NULLS LAST')
      .addOrderBy('a.reference', 'ASC')
      .take(QUEUE_PAGE_SIZE);
    // Staff see what was sent in; a draft never submitted has no reference and is the applicant's own.
    query.andWhere('a.reference IS NOT NULL');
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.roundId && isUuid(filter.roundId))
      query.andWhere('a.round_id = :roundId', { roundId: filter.roundId });
    if (filter.areaId && isUuid(filter.areaId))
      query.andWhere('a.area_id = :areaId', { areaId: filter.areaId });
    return query.getMany();
  }

  /** Counts by status (drafts included: they show demand still to come) and by area. */
  async counts(roundId: string): Promise<RoundApplicationCounts> {
    if (!isUuid(roundId)) return { byStatus: [], byArea: [], total: 0 };
    const statusRows: { status: ApplicationStatus; count: string }[] = await this.dataSource.query(
      // A draft withdrawn before it was ever sent counts nowhere: staff never saw it.
      `SELECT status, count(*) AS count FROM applications
        WHERE round_id = $1 AND (status = 'draft' OR reference IS NOT NULL) GROUP BY status`,
      [roundId],
    );
    const areaRows: { area_id: string | null; name: string | null; count: string }[] =
      await this.dataSource.query(
        `SELECT ra.id AS area_id, ra.name, count(a.id) AS count
           FROM round_areas ra
           LEFT JOIN applications a
             ON a.area_id = ra.id AND a.round_id = ra.round_id AND a.reference IS NOT NULL
          WHERE ra.round_id = $1 GROUP BY ra.id, ra.name, ra.position ORDER BY ra.position`,
        [roundId],
      );
    const byStatus = APPLICATION_STATUSES.map((status) => ({
      status,
      label: APPLICATION_STATUS_LABELS[status],
      count: Number(statusRows.find((r) => r.status === status)?.count ?? 0),
    }));
    return {
      byStatus,
      byArea: areaRows.map((r) => ({
        areaId: r.area_id,
        areaName: r.name ?? '',
        count: Number(r.count),
      })),
      total: byStatus.reduce((sum, s) => sum + s.count, 0),
    };
  }

  /** Every submitted application of the round, one row each, with its answers and checks. */
  async csv(roundId: string): Promise<string> {
    const applications = isUuid(roundId)
      ? await this.dataSource.getRepository(Application).find({
          where: { roundId },
          relations: {
            round: { fund: true, areas: true },
            organisation: true,
            budgetLines: true,
            area: true,
          },
          order: { sequence: 'ASC', createdAt: 'ASC' },
        })
      : [];
    const sent = applications.filter((a) => a.reference !== null);
    const questions = sent.length > 0 ? answerRows(sent[0]).map((r) => r.question) : [];
    const header = [
      'Reference',
      'Status',
      'Organisation',
      'Organisation type',
      'Charity number',
      'Company number',
      'Postcode',
      'Area',
      'Amount requested (GBP)',
      'Amount requested (pence)',
      'First submitted (UK time)',
      'Failed checks',
      'Outcome reason',
      ...questions.filter(
        (q) => !['Organisation', 'Type of organisation', 'Amount requested'].includes(q),
      ),
    ];
    const rows = sent.map((a) => {
      const answers = answerRows(a).filter(
        (r) => !['Organisation', 'Type of organisation', 'Amount requested'].includes(r.question),
      );
      return [
        a.reference,
        APPLICATION_STATUS_LABELS[a.status],
        a.organisation.name,
        Object.hasOwn(ORGANISATION_TYPES, a.organisation.type)
          ? ORGANISATION_TYPES[a.organisation.type]
          : a.organisation.type,
        a.organisation.charityNumber ?? '',
        a.organisation.companyNumber ?? '',
        a.organisation.postcode,
        a.area?.name ?? '',
        a.amountRequestedPence === null ? '' : formatPence(a.amountRequestedPence).replace('£', ''),
        a.amountRequestedPence ?? '',
        a.firstSubmittedAt ? formatUk(a.firstSubmittedAt) : '',
        a.eligibilityChecks
          .filter((c) => !c.passed)
          .map((c) => c.label)
          .join('; '),
        a.outcomeReason ?? '',
        ...answers.map((r) => r.answer),
      ];
    });
    return spreadsheetCsv([header, ...rows]);
  }
}
