import { spreadsheetCsv } from '@grants/core';
import type { PublishedGrant } from './published-grant';
import { funderIdentifier, poundsNumber, poundsText } from './three-sixty-giving';

/** The version of the 360Giving Data Standard the files follow (its package schema 1.4.x). */
export const THREE_SIXTY_GIVING_VERSION = '1.4';

/** UK public bodies publish under the Open Government Licence, as 360Giving recommends. */
export const OPEN_DATA_LICENCE =
  'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

export interface PublisherDetails {
  prefix: string;
  officeName: string;
  /** The service's public address, without a trailing slash. */
  publicUrl: string;
}

/** One grant in the standard's JSON shape (only the fields we know are present). */
export function threeSixtyGivingGrant(grant: PublishedGrant, publicUrl: string) {
  const recipient = grant.recipient;
  return {
    id: grant.id,
    title: grant.title,
    description: grant.description,
    currency: 'GBP',
    amountAwarded: poundsNumber(grant.amountAwardedPence),
    ...(grant.amountAppliedForPence === null
      ? {}
      : { amountAppliedFor: poundsNumber(grant.amountAppliedForPence) }),
    awardDate: grant.awardDate,
    url: `${publicUrl}/decisions/${encodeURIComponent(grant.decisionRecordNumber)}`,
    ...(grant.plannedDates ? { plannedDates: [grant.plannedDates] } : {}),
    recipientOrganization: [
      {
        id: recipient.id,
        name: recipient.name,
        ...(recipient.charityNumber ? { charityNumber: recipient.charityNumber } : {}),
        ...(recipient.companyNumber ? { companyNumber: recipient.companyNumber } : {}),
        ...(recipient.postalCode ? { postalCode: recipient.postalCode } : {}),
      },
    ],
    fundingOrganization: [{ id: grant.funder.id, name: grant.funder.name }],
    grantProgramme: [{ code: grant.programmeCode, title: grant.round.title }],
    ...(grant.areaName
      ? { beneficiaryLocation: [{ name: grant.areaName, countryCode: 'GB' }] }
      : {}),
    dateModified: grant.dateModified.toISOString(),
  };
}

export type ThreeSixtyGivingGrant = ReturnType<typeof threeSixtyGivingGrant>;

/**
 * The 360Giving data package: the grants and who publishes them. The standard asks for at least
 * one grant; before anything is published the file honestly has none.
 */
export function threeSixtyGivingPackage(
  grants: PublishedGrant[],
  publisher: PublisherDetails,
  issuedAt: Date,
) {
  const modified = grants.reduce(
    (latest, g) => (g.dateModified > latest ? g.dateModified : latest),
    new Date(0),
  );
  return {
    version: THREE_SIXTY_GIVING_VERSION,
    title: `${publisher.officeName}: grants awarded`,
    description:
      'Grants awarded through published decision records of the Police and Crime Commissioner, ' +
      'in the 360Giving Data Standard. Amounts are what each award now stands at.',
    identifier: `${publisher.prefix}-grants`,
    issued: issuedAt.toISOString(),
    modified: (grants.length > 0 ? modified : issuedAt).toISOString(),
    publisher: {
      identifier: funderIdentifier(publisher.prefix, publisher.officeName),
      name: publisher.officeName,
      website: `${publisher.publicUrl}/`,
    },
    license: OPEN_DATA_LICENCE,
    accessURL: `${publisher.publicUrl}/grants`,
    downloadURL: `${publisher.publicUrl}/api/v1/open-data/360giving.json`,
    grants: grants.map((g) => threeSixtyGivingGrant(g, publisher.publicUrl)),
  };
}

/** The standard's column titles, its required ones first, in the order the CSV has them. */
export const THREE_SIXTY_GIVING_COLUMNS = [
  'Identifier',
  'Title',
  'Description',
  'Currency',
  'Amount Awarded',
  'Award Date',
  'Recipient Org:Identifier',
  'Recipient Org:Name',
  'Funding Org:Identifier',
  'Funding Org:Name',
  'Amount Applied For',
  'Planned Dates:Start Date',
  'Planned Dates:End Date',
  'Planned Dates:Duration (months)',
  'Grant Programme:Code',
  'Grant Programme:Title',
  'Beneficiary Location:Name',
  'Beneficiary Location:Country Code',
  'Recipient Org:Charity Number',
  'Recipient Org:Company Number',
  'Recipient Org:Postal Code',
  'URL',
  'Last Modified',
] as const;

/** The same grants as a 360Giving CSV (one row per grant, the standard's column titles). */
export function threeSixtyGivingCsv(grants: PublishedGrant[], publicUrl: string): string {
  const rows = grants.map((g) => {
    const planned = g.plannedDates;
    return [
      g.id,
      g.title,
      g.description,
      'GBP',
      poundsText(g.amountAwardedPence),
      g.awardDate,
      g.recipient.id,
      g.recipient.name,
      g.funder.id,
      g.funder.name,
      g.amountAppliedForPence === null ? '' : poundsText(g.amountAppliedForPence),
      planned?.startDate ?? '',
      planned?.endDate ?? '',
      planned ? String(planned.duration) : '',
      g.programmeCode,
      g.round.title,
      g.areaName ?? '',
      g.areaName ? 'GB' : '',
      g.recipient.charityNumber ?? '',
      g.recipient.companyNumber ?? '',
      g.recipient.postalCode ?? '',
      `${publicUrl}/decisions/${encodeURIComponent(g.decisionRecordNumber)}`,
      g.dateModified.toISOString(),
    ];
  });
  return spreadsheetCsv([[...THREE_SIXTY_GIVING_COLUMNS], ...rows]);
}
