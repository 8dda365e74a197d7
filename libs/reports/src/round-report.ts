import type { ScoreBand } from '@grants/assessment';
import type { DecisionMethod, RoundStatus } from '@grants/funds';

/** One 10% band of the score distribution: from ≤ score < to (the last band includes 100%). */
export interface ScoreBucket {
  fromPercent: number;
  toPercent: number;
  count: number;
}

export interface AreaFigures {
  areaId: string;
  name: string;
  /** Applications received for the area (sent at least once). */
  received: number;
  shortlisted: number;
  /** Null before the area has a ballot. */
  ballotStatus: string | null;
  /** Counted, non-void votes (TallyService). */
  votes: number;
  voided: number;
}

export interface MoneyCount {
  count: number;
  amountPence: number;
}

/**
 * Everything a round report says, read from the stored rows: counts are whole numbers, money is
 * integer pence, times are UTC (shown in UK time by whoever displays them).
 */
export interface RoundReport {
  round: {
    id: string;
    title: string;
    code: string;
    fundId: string;
    fundName: string;
    status: RoundStatus;
    decisionMethod: DecisionMethod;
    opensAt: Date;
    closesAt: Date;
  };
  applications: {
    /** Sent at least once (first_submitted_at); drafts never count. */
    received: number;
    /** Appraised eligible, whatever came after (shortlisted, awarded, not funded...). */
    eligible: number;
    ineligible: number;
    withdrawn: number;
    /** Received and neither appraised nor withdrawn yet. */
    awaitingAppraisal: number;
  };
  /** Scored rounds only: the same scores the assessment overview shows. */
  scores: {
    recommendThresholdBp: number;
    reserveThresholdBp: number;
    scored: number;
    /** Eligible but without a submitted assessment yet. */
    unscored: number;
    bands: Record<ScoreBand, number>;
    distribution: ScoreBucket[];
  } | null;
  /** The round's areas (public-vote rounds carry their shortlists and votes). */
  areas: AreaFigures[];
  awards: {
    /** Standing grants: offered, accepted or closed. */
    awarded: MoneyCount;
    declined: MoneyCount;
    expired: MoneyCount;
  };
  budget: {
    contributions: { sourceName: string; amountPence: number }[];
    budgetPence: number;
    committedPence: number;
    availablePence: number;
    /** Of the committed money: paid out (net of money returned unspent), and still to pay. */
    paidPence: number;
    returnedPence: number;
    duePence: number;
  };
  decision: { number: string; signedOffAt: Date; publishedAt: Date | null } | null;
  /** The plain-English paragraph for a Police and Crime Panel update. */
  summary: string;
}
