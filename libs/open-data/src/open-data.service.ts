import { STANDING_AWARD_STATUSES } from '@grants/awards';
import { AppConfig, Clock, isUuid } from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { GrantFilter, GrantFilterOptions, GrantPage, PublishedGrant } from './published-grant';
import {
  funderIdentifier,
  grantIdentifier,
  agreedDates,
  plannedDates,
  recipientIdentifier,
} from './three-sixty-giving';
import {
  PublisherDetails,
  threeSixtyGivingCsv,
  threeSixtyGivingPackage,
} from './three-sixty-giving-file';

interface GrantRow {
  award_id: string;
  amount_pence: string;
  reference: string;
  project_title: string;
  project_summary: string;
  amount_requested_pence: string | null;
  start_date: string | null;
  duration_months: number | null;
  planned_start_on: string | null;
  planned_end_on: string | null;
  organisation_id: string;
  organisation_name: string;
  charity_number: string | null;
  company_number: string | null;
  postcode: string;
  round_id: string;
  round_code: string;
  round_title: string;
  fund_name: string;
  fund_slug: string;
  fund_code: string;
  owning_office: string;
  area_name: string | null;
  record_number: string;
  award_date: string;
  date_modified: Date;
}

/**
 * The published grants: awards that stand (offered, accepted, closed; a declined or lapsed offer
 * is no grant) on a decision record the public can read. Everything comes from one query, with
 * the award date as the UK calendar date of the record's sign-off.
 */
const FROM = `
  FROM awards a
  JOIN decision_records d ON d.id = a.decision_record_id AND d.published_at IS NOT NULL
  JOIN applications ap ON ap.id = a.application_id
  JOIN organisations o ON o.id = a.organisation_id
  JOIN grant_rounds r ON r.id = a.round_id
  JOIN funds f ON f.id = r.fund_id
  LEFT JOIN round_areas ar ON ar.id = ap.area_id
 WHERE a.status = ANY($1)`;

const AWARD_DATE = `to_char(d.signed_off_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')`;
const AWARD_YEAR = `EXTRACT(YEAR FROM d.signed_off_at AT TIME ZONE 'Europe/London')::int`;

const SELECT = `
SELECT a.id AS award_id, a.amount_pence, ap.reference, ap.project_title, ap.project_summary,
       ap.amount_requested_pence, ap.start_date::text AS start_date, ap.duration_months,
       a.planned_start_on::text AS planned_start_on, a.planned_end_on::text AS planned_end_on,
       o.id AS organisation_id, o.name AS organisation_name, o.charity_number, o.company_number,
       o.postcode, r.id AS round_id, r.code AS round_code, r.title AS round_title,
       f.name AS fund_name, f.slug AS fund_slug, f.code AS fund_code, f.owning_office,
       ar.name AS area_name, d.number AS record_number, ${AWARD_DATE} AS award_date,
       GREATEST(a.created_at, a.answered_at, d.published_at, a.closed_at,
         (SELECT MAX(v.decided_at) FROM award_variations v WHERE v.award_id = a.id AND v.status = 'approved')
       ) AS date_modified
${FROM}`;

/** Stable: by award date, then by grant identifier (the reference, as the prefix is common). */
const ORDER = `ORDER BY award_date, ap.reference, a.id`;

/** A LIKE pattern that matches the text literally, anywhere. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

@Injectable()
export class OpenDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The 360Giving JSON package of every published grant. */
  async threeSixtyGivingPackage() {
    return threeSixtyGivingPackage(await this.allGrants(), this.publisher(), this.clock.now());
  }

  /** The same grants as the standard's CSV. */
  async threeSixtyGivingCsv(): Promise<string> {
    return threeSixtyGivingCsv(await this.allGrants(), this.publisher().publicUrl);
  }

  publisher(): PublisherDetails {
    return {
      prefix: this.config.OPEN_DATA_PREFIX,
      officeName: this.config.OFFICE_NAME,
      publicUrl: this.config.PUBLIC_URL.replace(/\/+$/, ''),
    };
  }

  /** Every published grant, in the stable order (the open data files). */
  async allGrants(): Promise<PublishedGrant[]> {
    const rows: GrantRow[] = await this.dataSource.query(`${SELECT} ${ORDER}`, [
      STANDING_AWARD_STATUSES,
    ]);
    return rows.map((row) => this.grantOf(row));
  }

  /** One page of the grants that match the filter, with how many match and their total. */
  async grants(filter: GrantFilter, page: { limit: number; offset: number }): Promise<GrantPage> {
    const params: unknown[] = [STANDING_AWARD_STATUSES];
    const where: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.fundSlug !== undefined) where.push(`f.slug = ${param(filter.fundSlug)}`);
    if (filter.roundId !== undefined) {
      // Not a uuid: no round has it, and PostgreSQL would refuse the comparison.
      where.push(isUuid(filter.roundId) ? `r.id = ${param(filter.roundId)}` : 'false');
    }
    if (filter.year !== undefined) where.push(`${AWARD_YEAR} = ${param(filter.year)}`);
    if (filter.areaName !== undefined) where.push(`ar.name = ${param(filter.areaName)}`);
    if (filter.search) {
      const pattern = param(containing(filter.search));
      where.push(`(ap.project_title ILIKE ${pattern} OR o.name ILIKE ${pattern})`);
    }
    const condition = where.map((w) => ` AND ${w}`).join('');
    const [totals]: { count: number; total: string }[] = await this.dataSource.query(
      `SELECT COUNT(*)::int AS count, COALESCE(SUM(a.amount_pence), 0)::text AS total ${FROM}${condition}`,
      params,
    );
    const rows: GrantRow[] =
      totals.count > page.offset
        ? await this.dataSource.query(
            `${SELECT}${condition} ${ORDER} LIMIT ${param(page.limit)} OFFSET ${param(page.offset)}`,
            params,
          )
        : [];
    return {
      grants: rows.map((row) => this.grantOf(row)),
      total: totals.count,
      totalPence: Number(totals.total),
    };
  }

  /** The funds, rounds, years and areas the published grants have: the filter form's choices. */
  async filterOptions(): Promise<GrantFilterOptions> {
    const rows: {
      fund_slug: string;
      fund_name: string;
      round_id: string;
      round_title: string;
      year: number;
      area_name: string | null;
      opens_at: Date;
    }[] = await this.dataSource.query(
      `SELECT DISTINCT f.slug AS fund_slug, f.name AS fund_name, r.id AS round_id,
              r.title AS round_title, r.opens_at, ${AWARD_YEAR} AS year, ar.name AS area_name
       ${FROM}`,
      [STANDING_AWARD_STATUSES],
    );
    const funds = new Map<string, string>();
    const rounds = new Map<string, { id: string; title: string; fundName: string; at: number }>();
    const years = new Set<number>();
    const areas = new Set<string>();
    for (const row of rows) {
      funds.set(row.fund_slug, row.fund_name);
      rounds.set(row.round_id, {
        id: row.round_id,
        title: row.round_title,
        fundName: row.fund_name,
        at: new Date(row.opens_at).getTime(),
      });
      years.add(row.year);
      if (row.area_name) areas.add(row.area_name);
    }
    const byName = (a: string, b: string) => a.localeCompare(b, 'en-GB');
    return {
      funds: [...funds]
        .map(([slug, name]) => ({ slug, name }))
        .sort((a, b) => byName(a.name, b.name)),
      // Newest round first within each fund, as people look for recent rounds.
      rounds: [...rounds.values()]
        .sort((a, b) => byName(a.fundName, b.fundName) || b.at - a.at || byName(a.title, b.title))
        .map(({ id, title, fundName }) => ({ id, title, fundName })),
      years: [...years].sort((a, b) => b - a),
      areas: [...areas].sort(byName),
    };
  }

  private grantOf(row: GrantRow): PublishedGrant {
    const prefix = this.config.OPEN_DATA_PREFIX;
    return {
      id: grantIdentifier(prefix, row.reference),
      awardId: row.award_id,
      reference: row.reference,
      title: row.project_title,
      description: row.project_summary,
      amountAwardedPence: Number(row.amount_pence),
      amountAppliedForPence:
        row.amount_requested_pence === null ? null : Number(row.amount_requested_pence),
      awardDate: row.award_date,
      // Once accepted, the grant's own dates (a variation may have moved the end) over the application's.
      plannedDates:
        row.planned_start_on && row.planned_end_on
          ? agreedDates(row.planned_start_on, row.planned_end_on)
          : plannedDates(row.start_date, row.duration_months),
      recipient: {
        id: recipientIdentifier(prefix, {
          id: row.organisation_id,
          charityNumber: row.charity_number,
          companyNumber: row.company_number,
        }),
        name: row.organisation_name,
        charityNumber: row.charity_number,
        companyNumber: row.company_number,
        postalCode: row.postcode || null,
      },
      funder: { id: funderIdentifier(prefix, row.owning_office), name: row.owning_office },
      fund: { name: row.fund_name, slug: row.fund_slug },
      round: { id: row.round_id, code: row.round_code, title: row.round_title },
      programmeCode: `${row.fund_code}-${row.round_code}`,
      areaName: row.area_name,
      decisionRecordNumber: row.record_number,
      dateModified: new Date(row.date_modified),
    };
  }
}
