/** The kinds of organisation a round can be open to (the applicant's profile uses the same list). */
export const ORGANISATION_TYPES = {
  charity: 'Registered charity',
  cio: 'Charitable incorporated organisation (CIO)',
  cic: 'Community interest company (CIC)',
  'social-enterprise': 'Social enterprise',
  'community-group': 'Community group',
  'faith-group': 'Faith group',
  'sports-or-social-club': 'Sports or social club',
  'town-or-parish-council': 'Town or parish council',
  'local-authority': 'Local authority',
  'other-voluntary-organisation': 'Other voluntary organisation',
  company: 'Company',
} as const;

export type OrganisationType = keyof typeof ORGANISATION_TYPES;
export const ORGANISATION_TYPE_KEYS = Object.keys(ORGANISATION_TYPES) as OrganisationType[];
