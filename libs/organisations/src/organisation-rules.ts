import { checkEmailAddress, FieldError, hasControlCharacters } from '@grants/core';
import { ORGANISATION_TYPES, OrganisationType } from '@grants/funds';
import { parse as parsePostcode } from 'postcode';

/** A profile as the applicant enters it (API or form); every field is text. */
export interface OrganisationInput {
  name: string;
  type: string;
  charityNumber: string;
  companyNumber: string;
  addressLine1: string;
  addressLine2: string;
  town: string;
  postcode: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  safeguardingLeadName: string;
  safeguardingLeadEmail: string;
}

export type OrganisationProfile = Omit<
  OrganisationInput,
  'type' | 'charityNumber' | 'companyNumber'
> & {
  type: OrganisationType;
  charityNumber: string | null;
  companyNumber: string | null;
};

/** Types that are registered with the Charity Commission (or OSCR, or the NI commission). */
const CHARITY_TYPES: OrganisationType[] = ['charity', 'cio'];
/** Types registered at Companies House. */
const COMPANY_TYPES: OrganisationType[] = ['cic', 'company'];

export const MAX_TEXT = { name: 200, address: 200, person: 120, phone: 30 } as const;

/**
 * A charity number as the regulators write it: England and Wales 6 or 7 digits (1123456),
 * Scotland SC and 6 digits (SC012345), Northern Ireland NIC and 6 digits (NIC100001).
 */
export function normaliseCharityNumber(raw: string): string | null {
  const value = raw.replace(/\s+/g, '').toUpperCase();
  if (/^\d{6,7}$/.test(value)) return value;
  if (/^SC\d{6}$/.test(value)) return value;
  if (/^NIC\d{6}$/.test(value)) return value;
  return null;
}

/**
 * A Companies House number: 8 characters, digits (01234567) or a 2-letter prefix and 6 digits
 * (SC123456, NI012345, OC301234). Digits typed without their leading zeros get them back.
 */
export function normaliseCompanyNumber(raw: string): string | null {
  const value = raw.replace(/\s+/g, '').toUpperCase();
  if (/^\d{1,8}$/.test(value) && Number(value) > 0) return value.padStart(8, '0');
  if (/^[A-Z]{2}\d{6}$/.test(value)) return value;
  return null;
}

/** UK postcode, upper case with one space (DN15 9AB); null when it is not a valid postcode. */
export function normalisePostcode(raw: string): string | null {
  const parsed = parsePostcode(raw.trim());
  return parsed.valid ? parsed.postcode : null;
}

/**
 * The 360Giving organisation identifier: the charity number where there is one (GB-CHC-,
 * GB-SC-, GB-NIC-), otherwise the company number (GB-COH-); null for unregistered groups.
 */
export function orgIdentifier(org: {
  charityNumber: string | null;
  companyNumber: string | null;
}): string | null {
  const charity = org.charityNumber;
  if (charity?.startsWith('SC')) return `GB-SC-${charity}`;
  if (charity?.startsWith('NIC')) return `GB-NIC-${charity.slice(3)}`;
  if (charity) return `GB-CHC-${charity}`;
  if (org.companyNumber) return `GB-COH-${org.companyNumber}`;
  return null;
}

/** Checks a whole profile; the values come back normalised when there are no errors. */
export function checkOrganisation(input: OrganisationInput): {
  errors: FieldError[];
  profile: OrganisationProfile | null;
} {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const text = (field: keyof OrganisationInput, max: number, missing: string | null) => {
    const value = input[field].trim();
    if (!value && missing) fail(field, missing);
    else if (value.length > max) fail(field, `Must be ${max} characters or fewer`);
    else if (hasControlCharacters(value)) fail(field, 'Must not contain control characters');
    return value;
  };

  const name = text('name', MAX_TEXT.name, "Enter your organisation's name");
  const typeKey = input.type.trim();
  const type = Object.hasOwn(ORGANISATION_TYPES, typeKey) ? (typeKey as OrganisationType) : null;
  if (!type) fail('type', 'Select the type of organisation');

  let charityNumber: string | null = null;
  const charityRaw = input.charityNumber.trim();
  if (charityRaw) {
    charityNumber = normaliseCharityNumber(charityRaw);
    if (!charityNumber)
      fail(
        'charityNumber',
        'Enter a charity number in the correct format, like 1123456 (or SC012345 in Scotland)',
      );
  } else if (type && CHARITY_TYPES.includes(type)) {
    fail('charityNumber', 'Enter your charity number');
  }

  let companyNumber: string | null = null;
  const companyRaw = input.companyNumber.trim();
  if (companyRaw) {
    companyNumber = normaliseCompanyNumber(companyRaw);
    if (!companyNumber)
      fail(
        'companyNumber',
        'Enter a company number in the correct format: 8 characters, like 01234567 or SC123456',
      );
  } else if (type && COMPANY_TYPES.includes(type)) {
    fail('companyNumber', 'Enter your company number');
  }

  const addressLine1 = text(
    'addressLine1',
    MAX_TEXT.address,
    'Enter the first line of the address',
  );
  const addressLine2 = text('addressLine2', MAX_TEXT.address, null);
  const town = text('town', MAX_TEXT.person, 'Enter the town or city');
  let postcode = '';
  if (!input.postcode.trim()) fail('postcode', 'Enter the postcode');
  else {
    postcode = normalisePostcode(input.postcode) ?? '';
    if (!postcode) fail('postcode', 'Enter a full UK postcode, like DN15 9AB');
  }

  const contactName = text('contactName', MAX_TEXT.person, 'Enter the name of the main contact');
  const contactEmail = email(
    input.contactEmail,
    'contactEmail',
    "Enter the main contact's email address",
    fail,
  );
  const contactPhone = text(
    'contactPhone',
    MAX_TEXT.phone,
    "Enter the main contact's phone number",
  );
  if (contactPhone && !/^\+?[\d\s()-]{10,}$/.test(contactPhone))
    fail('contactPhone', 'Enter a phone number, like 01482 123456 or 07700 900123');
  const safeguardingLeadName = text(
    'safeguardingLeadName',
    MAX_TEXT.person,
    'Enter the name of your safeguarding lead',
  );
  const safeguardingLeadEmail = email(
    input.safeguardingLeadEmail,
    'safeguardingLeadEmail',
    "Enter your safeguarding lead's email address",
    fail,
  );

  if (errors.length > 0 || !type) return { errors, profile: null };
  return {
    errors,
    profile: {
      name,
      type,
      charityNumber,
      companyNumber,
      addressLine1,
      addressLine2,
      town,
      postcode,
      contactName,
      contactEmail,
      contactPhone,
      safeguardingLeadName,
      safeguardingLeadEmail,
    },
  };
}

function email(
  raw: string,
  field: string,
  missing: string,
  fail: (field: string, message: string) => void,
): string {
  if (!raw.trim()) {
    fail(field, missing);
    return '';
  }
  const checked = checkEmailAddress(raw);
  if ('error' in checked) {
    fail(field, checked.error);
    return '';
  }
  return checked.email;
}
