import type { PlannedDates } from './three-sixty-giving';

/** A published grant as the open data file and the public list show it. */
export interface PublishedGrant {
  /** The 360Giving grant identifier: 360G-opcc-CSF-2022-CYP-0001. */
  id: string;
  awardId: string;
  reference: string;
  title: string;
  description: string;
  /** What the award now stands at (approved variations change it). */
  amountAwardedPence: number;
  amountAppliedForPence: number | null;
  /** The decision record's sign-off, as a UK calendar date: YYYY-MM-DD. */
  awardDate: string;
  plannedDates: PlannedDates | null;
  recipient: {
    id: string;
    name: string;
    charityNumber: string | null;
    companyNumber: string | null;
    postalCode: string | null;
  };
  funder: { id: string; name: string };
  fund: { name: string; slug: string };
  round: { id: string; code: string; title: string };
  /** Grant programme code: the fund's code and the round's, unique across funds (CSF-DIV). */
  programmeCode: string;
  areaName: string | null;
  decisionRecordNumber: string;
  dateModified: Date;
}

/** What the public list can be narrowed by; every part optional. */
export interface GrantFilter {
  fundSlug?: string;
  roundId?: string;
  /** Calendar year of the award date (UK). */
  year?: number;
  areaName?: string;
  /** Words in the project title or the recipient's name. */
  search?: string;
}

/** The values the list's filters can take: only those some published grant has. */
export interface GrantFilterOptions {
  funds: { slug: string; name: string }[];
  rounds: { id: string; title: string; fundName: string }[];
  years: number[];
  areas: string[];
}

export interface GrantPage {
  grants: PublishedGrant[];
  /** How many grants match the filter in all, and their total. */
  total: number;
  totalPence: number;
}
