import {
  checkOrganisation,
  MAX_TEXT,
  normaliseCharityNumber,
  normaliseCompanyNumber,
  normalisePostcode,
  OrganisationInput,
  orgIdentifier,
} from './organisation-rules';

/** A Leicestershire youth charity, valid as it stands. */
const braunstone = (overrides: Partial<OrganisationInput> = {}): OrganisationInput => ({
  name: 'Braunstone Youth Diversion Project',
  type: 'charity',
  charityNumber: '1123456',
  companyNumber: '',
  addressLine1: '1 Winstanley Drive',
  addressLine2: '',
  town: 'Leicester',
  postcode: 'LE3 1PA',
  contactName: 'Sam Patel',
  contactEmail: 'sam@braunstone-youth.org.uk',
  contactPhone: '0116 496 0000',
  safeguardingLeadName: 'Jo Carter',
  safeguardingLeadEmail: 'jo@braunstone-youth.org.uk',
  ...overrides,
});

const errorsOf = (input: OrganisationInput) => checkOrganisation(input).errors;
const fieldsOf = (input: OrganisationInput) => errorsOf(input).map((e) => e.field);

describe('charity numbers', () => {
  it.each([
    ['123456', '123456'],
    ['1123456', '1123456'],
    [' 1 123 456 ', '1123456'],
    ['SC012345', 'SC012345'],
    ['sc012345', 'SC012345'],
    ['NIC100001', 'NIC100001'],
    ['nic 100001', 'NIC100001'],
  ])('accepts %j as %s', (raw, expected) => expect(normaliseCharityNumber(raw)).toBe(expected));

  it.each([
    '12345', // too short
    '12345678', // too long
    'SC12345', // Scottish numbers have 6 digits
    'SC0123456',
    'NIC10000',
    'NI100001', // the Northern Ireland prefix is NIC
    'GB-CHC-1123456', // an identifier, not a number
    'charity',
    '112345a',
    '',
  ])('refuses %j', (raw) => expect(normaliseCharityNumber(raw)).toBeNull());
});

describe('company numbers', () => {
  it.each([
    ['01234567', '01234567'],
    ['1234567', '01234567'], // leading zero restored
    ['9072', '00009072'],
    ['sc123456', 'SC123456'],
    ['NI012345', 'NI012345'],
    ['oc301234', 'OC301234'],
    ['0123 4567', '01234567'],
  ])('accepts %j as %s', (raw, expected) => expect(normaliseCompanyNumber(raw)).toBe(expected));

  it.each([
    '123456789', // 9 digits
    '00000000', // no company is number zero
    '0',
    'SC12345', // a prefix needs 6 digits
    'SC1234567',
    'S1234567',
    '12-34567',
    'company',
    '',
  ])('refuses %j', (raw) => expect(normaliseCompanyNumber(raw)).toBeNull());
});

describe('postcodes', () => {
  it.each([
    ['dn159ab', 'DN15 9AB'],
    ['DN15 9AB', 'DN15 9AB'],
    ['  yo16 4bq ', 'YO16 4BQ'],
    ['le11aa', 'LE1 1AA'],
    ['EC1A 1BB', 'EC1A 1BB'],
  ])('normalises %j to %s', (raw, expected) => expect(normalisePostcode(raw)).toBe(expected));

  it.each(['DN15', '12345', 'DN15 9A', '1DN5 9AB', 'DN15 9ABC', 'not a postcode', ''])(
    'refuses %j',
    (raw) => expect(normalisePostcode(raw)).toBeNull(),
  );
});

describe('360Giving organisation identifiers', () => {
  it('uses the charity number for a charity in England and Wales', () =>
    expect(orgIdentifier({ charityNumber: '1123456', companyNumber: null })).toBe(
      'GB-CHC-1123456',
    ));

  it('keeps the SC prefix for a Scottish charity (OSCR)', () =>
    expect(orgIdentifier({ charityNumber: 'SC012345', companyNumber: null })).toBe(
      'GB-SC-SC012345',
    ));

  it('drops the NIC prefix for a Northern Ireland charity', () =>
    expect(orgIdentifier({ charityNumber: 'NIC100001', companyNumber: null })).toBe(
      'GB-NIC-100001',
    ));

  it('prefers the charity number when there is also a company number', () =>
    expect(orgIdentifier({ charityNumber: '1123456', companyNumber: '01234567' })).toBe(
      'GB-CHC-1123456',
    ));

  it('uses the company number, with its leading zeros, when there is no charity number', () =>
    expect(orgIdentifier({ charityNumber: null, companyNumber: '01234567' })).toBe(
      'GB-COH-01234567',
    ));

  it('has none for an unregistered group', () =>
    expect(orgIdentifier({ charityNumber: null, companyNumber: null })).toBeNull());
});

describe('checking a whole profile', () => {
  it('accepts a valid charity and returns the profile normalised', () => {
    const { errors, profile } = checkOrganisation(
      braunstone({
        name: '  Braunstone Youth Diversion Project ',
        charityNumber: ' 1123456 ',
        postcode: 'le31pa',
        contactEmail: ' Sam@Braunstone-Youth.org.uk ',
      }),
    );
    expect(errors).toEqual([]);
    expect(profile).toMatchObject({
      name: 'Braunstone Youth Diversion Project',
      type: 'charity',
      charityNumber: '1123456',
      companyNumber: null,
      postcode: 'LE3 1PA',
      contactEmail: 'sam@braunstone-youth.org.uk',
    });
  });

  it('restores the leading zero of a CIC company number', () => {
    const { profile } = checkOrganisation(
      braunstone({
        name: 'Bridlington Community Reach CIC',
        type: 'cic',
        charityNumber: '',
        companyNumber: '9876543',
        town: 'Bridlington',
        postcode: 'yo164bq',
      }),
    );
    expect(profile).toMatchObject({ charityNumber: null, companyNumber: '09876543' });
    expect(orgIdentifier(profile!)).toBe('GB-COH-09876543');
  });

  it.each([
    ['charity', 'charityNumber', 'Enter your charity number'],
    ['cio', 'charityNumber', 'Enter your charity number'],
    ['cic', 'companyNumber', 'Enter your company number'],
    ['company', 'companyNumber', 'Enter your company number'],
  ])('a %s must give its %s', (type, field, message) => {
    const errors = errorsOf(braunstone({ type, charityNumber: '', companyNumber: '' }));
    expect(errors).toEqual([{ field, message }]);
  });

  it.each([
    'community-group',
    'faith-group',
    'sports-or-social-club',
    'town-or-parish-council',
    'social-enterprise',
    'other-voluntary-organisation',
  ])('a %s needs no registered number', (type) =>
    expect(errorsOf(braunstone({ type, charityNumber: '', companyNumber: '' }))).toEqual([]),
  );

  it('still checks the form of a number given by a group that does not need one', () =>
    expect(
      fieldsOf(braunstone({ type: 'community-group', charityNumber: '12', companyNumber: '' })),
    ).toEqual(['charityNumber']));

  it('refuses an unknown type, and a key inherited from Object', () => {
    expect(fieldsOf(braunstone({ type: 'pirate-ship' }))).toEqual(['type']);
    expect(fieldsOf(braunstone({ type: 'toString' }))).toEqual(['type']);
    expect(checkOrganisation(braunstone({ type: '' })).profile).toBeNull();
  });

  it('names each malformed registered number and the invalid postcode', () => {
    const errors = errorsOf(
      braunstone({ charityNumber: '12345', companyNumber: '123456789', postcode: 'LE99 ZZZ' }),
    );
    expect(errors).toEqual([
      {
        field: 'charityNumber',
        message:
          'Enter a charity number in the correct format, like 1123456 (or SC012345 in Scotland)',
      },
      {
        field: 'companyNumber',
        message:
          'Enter a company number in the correct format: 8 characters, like 01234567 or SC123456',
      },
      { field: 'postcode', message: 'Enter a full UK postcode, like DN15 9AB' },
    ]);
  });

  it('asks for every required field when the form is empty', () => {
    const blank = Object.fromEntries(
      Object.keys(braunstone()).map((k) => [k, '   ']),
    ) as unknown as OrganisationInput;
    expect(fieldsOf(blank).sort()).toEqual(
      [
        'name',
        'type',
        'addressLine1',
        'town',
        'postcode',
        'contactName',
        'contactEmail',
        'contactPhone',
        'safeguardingLeadName',
        'safeguardingLeadEmail',
      ].sort(),
    );
    expect(checkOrganisation(blank).profile).toBeNull();
  });

  it('refuses over-long text at one character past the limit, not at the limit', () => {
    expect(fieldsOf(braunstone({ name: 'a'.repeat(MAX_TEXT.name) }))).toEqual([]);
    expect(errorsOf(braunstone({ name: 'a'.repeat(MAX_TEXT.name + 1) }))).toEqual([
      { field: 'name', message: `Must be ${MAX_TEXT.name} characters or fewer` },
    ]);
    expect(fieldsOf(braunstone({ addressLine2: 'b'.repeat(MAX_TEXT.address + 1) }))).toEqual([
      'addressLine2',
    ]);
    expect(fieldsOf(braunstone({ safeguardingLeadName: 'c'.repeat(MAX_TEXT.person + 1) }))).toEqual(
      ['safeguardingLeadName'],
    );
  });

  it('refuses control characters inside text, even in optional fields', () => {
    expect(errorsOf(braunstone({ name: 'Braunstone\u0000Youth' }))).toEqual([
      { field: 'name', message: 'Must not contain control characters' },
    ]);
    expect(fieldsOf(braunstone({ addressLine2: 'Flat 2\u001bB' }))).toEqual(['addressLine2']);
  });

  it('keeps HTML as plain text (escaping is the page’s job)', () =>
    expect(
      checkOrganisation(braunstone({ name: '<script>alert(1)</script> Youth' })).profile?.name,
    ).toBe('<script>alert(1)</script> Youth'));

  it('refuses invalid email addresses and phone numbers', () => {
    expect(
      fieldsOf(braunstone({ contactEmail: 'sam@', safeguardingLeadEmail: 'jo at braunstone' })),
    ).toEqual(['contactEmail', 'safeguardingLeadEmail']);
    expect(fieldsOf(braunstone({ contactPhone: '0116' }))).toEqual(['contactPhone']);
    expect(fieldsOf(braunstone({ contactPhone: 'call the office' }))).toEqual(['contactPhone']);
    expect(fieldsOf(braunstone({ contactPhone: '+44 (0)116 496 0000' }))).toEqual([]);
  });
});
