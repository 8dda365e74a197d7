import type { AwardStatus } from '@grants/awards';

/** One indicator's part in a partner's allocation, as published. */
export interface ReportIndicatorShare {
  key: string;
  label: string;
  weight: number;
  value: string;
  source: string;
  period: string;
  /** The partner's share of the indicator's total ("28.53", percent). */
  sharePercent: string;
  /** What this indicator's part of the pot gives the partner, before any minimum or maximum. */
  contributionPence: number;
}

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
  indicators: ReportIndicatorShare[];
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
