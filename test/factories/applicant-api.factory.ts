import type { AnswersPatch } from '@grants/applications';
import type { GrantRound } from '@grants/funds';
import type { OrganisationInput } from '@grants/organisations';
import { randomBytes } from 'node:crypto';
import { HttpClient } from '../support/http-client';
import { waitUntil } from '../support/server-process';
import type { ReceivedMail, SmtpSink } from '../support/smtp-sink';
import { completeAnswers, organisationInput } from './application.factory';

/*
 * Applicants as API clients: sign in by the code that really arrives at the test's SMTP server,
 * then act with the bearer token.
 */

export interface ApiApplicant {
  email: string;
  id: string;
  token: string;
  client: HttpClient;
}

/** An address of its own for each test, so tests never read each other's mail. */
export function newApplicantEmail(who = 'applicant'): string {
  return `${who}-${randomBytes(4).toString('hex')}@braunstone-youth.org.uk`;
}

/** Waits until `count` messages to the address match, and returns them (oldest first). */
export async function waitForMail(
  sink: SmtpSink,
  email: string,
  match: (mail: ReceivedMail) => boolean = () => true,
  count = 1,
): Promise<ReceivedMail[]> {
  let found: ReceivedMail[] = [];
  await waitUntil(async () => {
    found = sink.to(email).filter(match);
    return found.length >= count;
  }, 30_000);
  return found;
}

/** The 6-digit code of a sign-in email (it is in the subject and the body). */
export function codeInMail(mail: ReceivedMail): string {
  const code = /^(\d{6}) is your sign-in code/.exec(mail.subject)?.[1];
  if (!code || !mail.text.includes(code)) throw new Error(`No sign-in code in: ${mail.subject}`);
  return code;
}

export const isSignInMail = (mail: ReceivedMail) => / is your sign-in code/.test(mail.subject);

/** Asks for a code, reads it from the email that arrives, and exchanges it for a token. */
export async function signInByApi(
  baseUrl: string,
  sink: SmtpSink,
  email = newApplicantEmail(),
  headers: Record<string, string> = {},
): Promise<ApiApplicant> {
  const anonymous = new HttpClient(baseUrl);
  const before = sink.to(email).filter(isSignInMail).length;
  const asked = await anonymous.request('POST', '/api/v1/auth/email-code', {
    json: { email },
    headers,
  });
  if (asked.status !== 202) throw new Error(`email-code: ${asked.status} ${asked.text}`);
  const mails = await waitForMail(sink, email, isSignInMail, before + 1);
  const code = codeInMail(mails[mails.length - 1]);
  const verified = await anonymous.request('POST', '/api/v1/auth/email-code/verify', {
    json: { requestId: asked.json().requestId, code },
    headers,
  });
  if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${verified.text}`);
  const { token, applicant } = verified.json() as {
    token: string;
    applicant: { id: string; email: string };
  };
  return { email: applicant.email, id: applicant.id, token, client: anonymous.withBearer(token) };
}

/** A valid organisation profile as the API takes it. */
export function organisationJson(overrides: Partial<OrganisationInput> = {}) {
  return organisationInput(overrides);
}

/** Creates an organisation through the API and returns its JSON. */
export async function createOrganisationByApi(
  applicant: ApiApplicant,
  overrides: Partial<OrganisationInput> = {},
) {
  const res = await applicant.client.post('/api/v1/organisations', organisationJson(overrides));
  if (res.status !== 201) throw new Error(`create organisation: ${res.status} ${res.text}`);
  return res.json() as { id: string; name: string; orgIdentifier: string | null };
}

/** Every answer, valid for the round, as the PATCH body takes it. */
export function answersJson(round: GrantRound, overrides: AnswersPatch = {}) {
  return completeAnswers(round, overrides);
}

/** A draft started and filled in through the API, ready to submit. */
export async function createCompleteDraftByApi(
  applicant: ApiApplicant,
  organisationId: string,
  round: GrantRound,
  overrides: AnswersPatch = {},
) {
  const started = await applicant.client.post('/api/v1/applications', {
    roundId: round.id,
    organisationId,
  });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${started.text}`);
  const id = started.json().id as string;
  const saved = await applicant.client.patch(
    `/api/v1/applications/${id}`,
    answersJson(round, overrides),
  );
  if (saved.status !== 200) throw new Error(`save: ${saved.status} ${saved.text}`);
  return saved.json() as { id: string; status: string };
}
