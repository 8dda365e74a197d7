import type { OrganisationInput } from '@grants/organisations';

/**
 * The demo's applicant organisations: Leicestershire groups that apply to the Commissioner's
 * Safety Fund, and Humberside groups in the Community Response Fund pilot areas. Names, numbers
 * and people are made up; the registered numbers have the regulators' formats, the postcodes
 * are in the right districts, and the phone numbers are in Ofcom's ranges kept for drama.
 */
export interface DemoOrganisation {
  input: OrganisationInput;
  /** Applicant accounts acting for it: the first sets it up, the others accept an invitation. */
  members: string[];
}

const organisation = (
  fields: Omit<OrganisationInput, 'charityNumber' | 'companyNumber' | 'addressLine2'> &
    Partial<Pick<OrganisationInput, 'charityNumber' | 'companyNumber' | 'addressLine2'>>,
): OrganisationInput => ({ charityNumber: '', companyNumber: '', addressLine2: '', ...fields });

export const BRAUNSTONE_YOUTH_TRUST = 'Braunstone Youth Trust';
export const LOUGHBOROUGH_BOXING = 'Loughborough Amateur Boxing Club';
export const HINCKLEY_FAITH = 'Hinckley Community Faith Network';
export const RATBY_PARISH = 'Ratby Parish Council';
export const HIGHFIELDS_WOMEN = "Highfields Women's Centre";
export const WINTERTON_PARTNERSHIP = 'Winterton Community Partnership';
export const BRIDLINGTON_RESIDENTS = "Bridlington South Residents' Association";
export const BAY_RECOVERY = 'Bay Recovery Community CIC';
export const WINTERTON_TOWN_COUNCIL = 'Winterton Town Council';
export const ANCHOLME_YOUTH = 'Ancholme Valley Youth and Sports Trust';
export const HARBOUR_YOUTH = 'Bridlington Harbour Youth Project';
export const STREET_PASTORS = 'Bridlington Street Pastors';
export const SOUTH_CLIFF_KITCHEN = 'South Cliff Community Kitchen';

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    members: ['priya.shah@example.org.uk', 'daniel.okafor@example.org.uk'],
    input: organisation({
      name: BRAUNSTONE_YOUTH_TRUST,
      type: 'charity',
      charityNumber: '1187342',
      addressLine1: '14 Winstanley Drive',
      addressLine2: 'Braunstone',
      town: 'Leicester',
      postcode: 'LE3 1PB',
      contactName: 'Priya Shah',
      contactEmail: 'priya.shah@example.org.uk',
      contactPhone: '0116 496 0123',
      safeguardingLeadName: 'Marcus Bell',
      safeguardingLeadEmail: 'marcus.bell@example.org.uk',
    }),
  },
  {
    members: ['mick.taylor@example.org.uk'],
    input: organisation({
      name: LOUGHBOROUGH_BOXING,
      type: 'sports-or-social-club',
      addressLine1: 'Unit 3, Belton Road',
      town: 'Loughborough',
      postcode: 'LE11 1LW',
      contactName: 'Mick Taylor',
      contactEmail: 'mick.taylor@example.org.uk',
      contactPhone: '07700 900456',
      safeguardingLeadName: 'Karen Doyle',
      safeguardingLeadEmail: 'karen.doyle@example.org.uk',
    }),
  },
  {
    members: ['grace.adeyemi@example.org.uk'],
    input: organisation({
      name: HINCKLEY_FAITH,
      type: 'faith-group',
      addressLine1: "St Mary's Church Hall, Church Walk",
      town: 'Hinckley',
      postcode: 'LE10 1DW',
      contactName: 'Grace Adeyemi',
      contactEmail: 'grace.adeyemi@example.org.uk',
      contactPhone: '07700 900217',
      safeguardingLeadName: 'Peter Lowe',
      safeguardingLeadEmail: 'peter.lowe@example.org.uk',
    }),
  },
  {
    members: ['susan.clarke@example.org.uk'],
    input: organisation({
      name: RATBY_PARISH,
      type: 'town-or-parish-council',
      addressLine1: 'Ratby Village Hall, Main Street',
      addressLine2: 'Ratby',
      town: 'Leicester',
      postcode: 'LE6 0LJ',
      contactName: 'Susan Clarke',
      contactEmail: 'susan.clarke@example.org.uk',
      contactPhone: '0116 496 0789',
      safeguardingLeadName: 'Susan Clarke',
      safeguardingLeadEmail: 'susan.clarke@example.org.uk',
    }),
  },
  {
    members: ['farah.begum@example.org.uk'],
    input: organisation({
      name: HIGHFIELDS_WOMEN,
      type: 'cio',
      charityNumber: '1190456',
      addressLine1: '96 Melbourne Road',
      addressLine2: 'Highfields',
      town: 'Leicester',
      postcode: 'LE2 0DS',
      contactName: 'Farah Begum',
      contactEmail: 'farah.begum@example.org.uk',
      contactPhone: '0116 496 0345',
      safeguardingLeadName: 'Ruth Mensah',
      safeguardingLeadEmail: 'ruth.mensah@example.org.uk',
    }),
  },
  {
    members: ['helen.ward@example.org.uk'],
    input: organisation({
      name: WINTERTON_PARTNERSHIP,
      type: 'community-group',
      addressLine1: 'Winterton Community Centre, Market Street',
      addressLine2: 'Winterton',
      town: 'Scunthorpe',
      postcode: 'DN15 9PT',
      contactName: 'Helen Ward',
      contactEmail: 'helen.ward@example.org.uk',
      contactPhone: '01632 960123',
      safeguardingLeadName: 'Tom Ellis',
      safeguardingLeadEmail: 'tom.ellis@example.org.uk',
    }),
  },
  {
    members: ['gary.hunt@example.org.uk'],
    input: organisation({
      name: BRIDLINGTON_RESIDENTS,
      type: 'community-group',
      addressLine1: '22 South Cliff Road',
      town: 'Bridlington',
      postcode: 'YO15 3DA',
      contactName: 'Gary Hunt',
      contactEmail: 'gary.hunt@example.org.uk',
      contactPhone: '01632 960456',
      safeguardingLeadName: 'Linda Moss',
      safeguardingLeadEmail: 'linda.moss@example.org.uk',
    }),
  },
  {
    members: ['leanne.wilson@example.org.uk'],
    input: organisation({
      name: BAY_RECOVERY,
      type: 'cic',
      // Typed without its leading zero, as people do: it is kept as 09876543 (GB-COH-09876543).
      companyNumber: '9876543',
      addressLine1: '5 Quay Road',
      town: 'Bridlington',
      postcode: 'YO16 4JA',
      contactName: 'Leanne Wilson',
      contactEmail: 'leanne.wilson@example.org.uk',
      contactPhone: '07700 900612',
      safeguardingLeadName: 'Craig Bell',
      safeguardingLeadEmail: 'craig.bell@example.org.uk',
    }),
  },
  // The other groups in the Community Response Fund areas, so each area has three on its shortlist.
  {
    members: ['joanne.pickering@example.org.uk'],
    input: organisation({
      name: WINTERTON_TOWN_COUNCIL,
      type: 'town-or-parish-council',
      addressLine1: 'Council Offices, 25 West Street',
      addressLine2: 'Winterton',
      town: 'Scunthorpe',
      postcode: 'DN15 9QF',
      contactName: 'Joanne Pickering',
      contactEmail: 'joanne.pickering@example.org.uk',
      contactPhone: '01632 960781',
      safeguardingLeadName: 'Joanne Pickering',
      safeguardingLeadEmail: 'joanne.pickering@example.org.uk',
    }),
  },
  {
    members: ['mark.fenwick@example.org.uk'],
    input: organisation({
      name: ANCHOLME_YOUTH,
      type: 'charity',
      charityNumber: '1176215',
      addressLine1: 'The Pavilion, Winterton Recreation Ground',
      addressLine2: 'Winterton',
      town: 'Scunthorpe',
      postcode: 'DN15 9UF',
      contactName: 'Mark Fenwick',
      contactEmail: 'mark.fenwick@example.org.uk',
      contactPhone: '01632 960274',
      safeguardingLeadName: 'Amy Fenwick',
      safeguardingLeadEmail: 'amy.fenwick@example.org.uk',
    }),
  },
  {
    members: ['sophie.marsden@example.org.uk'],
    input: organisation({
      name: HARBOUR_YOUTH,
      type: 'charity',
      charityNumber: '1169834',
      addressLine1: '3 Harbour Road',
      town: 'Bridlington',
      postcode: 'YO15 2NR',
      contactName: 'Sophie Marsden',
      contactEmail: 'sophie.marsden@example.org.uk',
      contactPhone: '01632 960538',
      safeguardingLeadName: 'Dean Holt',
      safeguardingLeadEmail: 'dean.holt@example.org.uk',
    }),
  },
  {
    members: ['andrew.naylor@example.org.uk'],
    input: organisation({
      name: STREET_PASTORS,
      type: 'community-group',
      addressLine1: 'Christ Church, Quay Road',
      town: 'Bridlington',
      postcode: 'YO16 4JB',
      contactName: 'Andrew Naylor',
      contactEmail: 'andrew.naylor@example.org.uk',
      contactPhone: '07700 900483',
      safeguardingLeadName: 'Ruth Naylor',
      safeguardingLeadEmail: 'ruth.naylor@example.org.uk',
    }),
  },
  {
    members: ['kelly.stubbs@example.org.uk'],
    input: organisation({
      name: SOUTH_CLIFF_KITCHEN,
      type: 'community-group',
      addressLine1: '41 St John Street',
      town: 'Bridlington',
      postcode: 'YO16 7NL',
      contactName: 'Kelly Stubbs',
      contactEmail: 'kelly.stubbs@example.org.uk',
      contactPhone: '07700 900745',
      safeguardingLeadName: 'Kelly Stubbs',
      safeguardingLeadEmail: 'kelly.stubbs@example.org.uk',
    }),
  },
];

/** The applicant sign-ins the demo prints: what each shows a newcomer. */
export const DEMO_APPLICANT_SIGN_INS: { email: string; shows: string }[] = [
  {
    email: 'priya.shah@example.org.uk',
    shows: `${BRAUNSTONE_YOUTH_TRUST}: applications at every stage, two live grants (/your-grants)`,
  },
  {
    email: 'gary.hunt@example.org.uk',
    shows: `${BRIDLINGTON_RESIDENTS}: a question from the grants officer to answer`,
  },
];
