import { Ballot, BallotSettingsInput } from '@grants/ballots';
import {
  dateTimeValues,
  DateTimeValues,
  FormBody,
  FormErrors,
  formText,
  parseDateTime,
  parseWholeNumber,
  readDateTime,
} from '../../forms';

/** The ballot settings form as typed: times in UK time, postcode areas, the flag threshold. */
export interface BallotSettingsValues {
  opensAt: DateTimeValues;
  closesAt: DateTimeValues;
  postcodeAreas: string;
  postcodeFlagThreshold: string;
}

const blank = (): DateTimeValues => ({ day: '', month: '', year: '', time: '' });

/** The form filled from the ballot, or blank with the usual threshold for a new one. */
export function storedBallotSettings(ballot: Ballot | null): BallotSettingsValues {
  if (!ballot)
    return { opensAt: blank(), closesAt: blank(), postcodeAreas: '', postcodeFlagThreshold: '10' };
  return {
    opensAt: dateTimeValues(ballot.opensAt),
    closesAt: dateTimeValues(ballot.closesAt),
    postcodeAreas: ballot.postcodeAreas.join(', '),
    postcodeFlagThreshold: String(ballot.postcodeFlagThreshold),
  };
}

export function postedBallotSettings(body: FormBody): BallotSettingsValues {
  return {
    opensAt: readDateTime(body, 'opensAt'),
    closesAt: readDateTime(body, 'closesAt'),
    postcodeAreas: formText(body, 'postcodeAreas'),
    postcodeFlagThreshold: formText(body, 'postcodeFlagThreshold'),
  };
}

/**
 * The settings for BallotsService, or null when the form itself is wrong (then the service's
 * own checks, like opening after applications close, come on the next try).
 */
export function ballotSettingsInput(
  values: BallotSettingsValues,
  errors: FormErrors,
): BallotSettingsInput | null {
  const opensAt = parseDateTime(values.opensAt, 'opensAt', 'the vote opens', errors);
  const closesAt = parseDateTime(values.closesAt, 'closesAt', 'the vote closes', errors);
  if (!values.postcodeAreas)
    errors.add('postcodeAreas', 'Enter the postcode districts or sectors whose residents may vote');
  const threshold = parseWholeNumber(
    values.postcodeFlagThreshold,
    'postcodeFlagThreshold',
    {
      missing: 'Enter how many votes from one postcode are flagged for review',
      invalid: 'Enter a whole number of votes from 1 to 1000',
    },
    errors,
  );
  if (opensAt === null || closesAt === null || threshold === null || errors.size > 0) return null;
  return {
    opensAt,
    closesAt,
    postcodeAreas: values.postcodeAreas,
    postcodeFlagThreshold: threshold,
  };
}

/** The service's field names as the page's ids: a time's message goes on its day box. */
export const BALLOT_SETTINGS_FIELDS: Record<string, string> = {
  opensAt: 'opensAt-day',
  closesAt: 'closesAt-day',
  postcodeAreas: 'postcodeAreas',
  postcodeFlagThreshold: 'postcodeFlagThreshold',
};
