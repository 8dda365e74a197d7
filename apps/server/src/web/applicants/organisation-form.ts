import { ORGANISATION_TYPE_KEYS, ORGANISATION_TYPES } from '@grants/funds';
import { Organisation, OrganisationInput } from '@grants/organisations';
import { FormBody, formText } from '../forms';

/** The profile's fields, in the order the form asks them (and the error summary lists them). */
export const ORGANISATION_FIELDS: (keyof OrganisationInput)[] = [
  'name',
  'type',
  'charityNumber',
  'companyNumber',
  'addressLine1',
  'addressLine2',
  'town',
  'postcode',
  'contactName',
  'contactEmail',
  'contactPhone',
  'safeguardingLeadName',
  'safeguardingLeadEmail',
];

export function emptyOrganisationForm(type = ''): OrganisationInput {
  const values = Object.fromEntries(
    ORGANISATION_FIELDS.map((f) => [f, '']),
  ) as unknown as OrganisationInput;
  values.type = Object.hasOwn(ORGANISATION_TYPES, type) ? type : '';
  return values;
}

export function organisationFormValues(org: Organisation): OrganisationInput {
  return {
    name: org.name,
    type: org.type,
    charityNumber: org.charityNumber ?? '',
    companyNumber: org.companyNumber ?? '',
    addressLine1: org.addressLine1,
    addressLine2: org.addressLine2,
    town: org.town,
    postcode: org.postcode,
    contactName: org.contactName,
    contactEmail: org.contactEmail,
    contactPhone: org.contactPhone,
    safeguardingLeadName: org.safeguardingLeadName,
    safeguardingLeadEmail: org.safeguardingLeadEmail,
  };
}

/** The form as typed (the service trims and checks it). */
export function readOrganisationForm(body: FormBody): OrganisationInput {
  return Object.fromEntries(
    ORGANISATION_FIELDS.map((f) => [f, formText(body, f)]),
  ) as unknown as OrganisationInput;
}

export function organisationTypeItems(selected: string) {
  return ORGANISATION_TYPE_KEYS.map((key) => ({
    value: key,
    text: ORGANISATION_TYPES[key],
    checked: selected === key,
  }));
}
