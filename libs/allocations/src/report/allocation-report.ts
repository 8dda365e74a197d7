import type { AwardStatus } from '@grants/awards';
import type { IndicatorShare } from '../allocation-preview';

/** A project the decision maker approved, with its grant as it stands. */
export interface ReportProject {
  applicationId: string;
  reference: string;
  title: string;
  /** What its budget commitment holds now. */
  approvedPence: number;
  paidPence: number;
  awardStatus: AwardStatus;
}

/** Spend against allocation: approved + released + unspent is always the allocation. */
export interface ReportSpend {
  allocationPence: number;
  approvedPence: number;
  paidPence: number;
  releasedPence: number;
  unspentPence: number;
}

export interface ReportPartner extends ReportSpend {
  organisationId: string;
  name: string;
  /** The partner's weighted share of the pot, before any minimum or maximum. */
  sharePercent: string;
  formulaPence: number;
  limitedBy: 'floor' | 'cap' | null;
  indicators: IndicatorShare[];
  projects: ReportProject[];
}

export interface ReportIndicator {
  key: string;
  label: string;
  weight: number;
  /** The indicator's part of the pot, in pence: every partner's contribution added up. */
  partPence: number;
}

/** A published allocation: per partner the allocation, how it was reached, and its spend. */
export interface AllocationReport {
  planId: string;
  roundId: string;
  roundCode: string;
  roundTitle: string;
  fundName: string;
  decisionRecordNumber: string;
  publishedAt: Date;
  potPence: number;
  floorPence: number | null;
  capPence: number | null;
  indicators: ReportIndicator[];
  partners: ReportPartner[];
  totals: ReportSpend;
}
