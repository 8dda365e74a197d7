import { AnswersPatch, ApplicationsService } from '@grants/applications';
import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound, RoundInput, RoundSchedulerService, RoundsService } from '@grants/funds';
import { Applicant, ApplicantAuthService } from '@grants/identity';
import { OrganisationInput, OrganisationsService } from '@grants/organisations';
import type { DataSource } from 'typeorm';
import type { TestContext } from '../support/test-context';
import { CSF, diversionInput } from './round.factory';

/** A real charity-shaped profile (Leicestershire), valid as it stands. */
export function organisationInput(overrides: Partial<OrganisationInput> = {}): OrganisationInput {
  return {
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
  };
}

/** The code the last sign-in email to this address carried, read from the outbox row. */
export async function lastSignInCode(dataSource: DataSource, email: string): Promise<string> {
  const rows: { data: { code: string } }[] = await dataSource.query(
    `SELECT data FROM outbound_emails WHERE to_address = $1 AND template = 'identity/applicant-sign-in'
      ORDER BY created_at DESC LIMIT 1`,
    [email.trim().toLowerCase()],
  );
  if (!rows[0]) throw new Error(`No sign-in email to ${email}`);
  return rows[0].data.code;
}

let counter = 0;

/** An applicant signed in through the real code flow (their account is made on the way). */
export async function createApplicant(ctx: TestContext, email?: string): Promise<Applicant> {
  counter += 1;
  const address = email ?? `applicant-${counter}-${Date.now()}@example.org.uk`;
  const auth = ctx.get(ApplicantAuthService);
  const { requestId } = await auth.requestCode(address);
  const code = await lastSignInCode(ctx.dataSource, address);
  return (await auth.verifyCode(requestId, code, 'bearer')).applicant;
}

export async function createOrganisation(
  ctx: TestContext,
  applicant: Applicant,
  overrides: Partial<OrganisationInput> = {},
) {
  return ctx.get(OrganisationsService).create(applicant, organisationInput(overrides));
}

/** A round that is open now: created, scheduled and opened through the real services. */
export async function createOpenRound(
  ctx: TestContext,
  fundSlug = CSF.slug,
  overrides: Partial<RoundInput> = {},
): Promise<GrantRound> {
  const input = diversionInput({ opensAt: new Date(Date.now() - 60_000), ...overrides });
  const rounds = ctx.get(RoundsService);
  const round = await rounds.create(fundSlug, input, SYSTEM_ACTOR);
  await rounds.schedule(round.id, SYSTEM_ACTOR);
  await ctx.get(RoundSchedulerService).openIfDue(round.id);
  return rounds.get(round.id, { includeDrafts: true });
}

/** Every answer, valid for the round (the first area and theme, a two-line budget). */
export function completeAnswers(round: GrantRound, overrides: AnswersPatch = {}): AnswersPatch {
  const amount = overrides.amountRequestedPence ?? 1_500_000;
  const startDate = new Date(round.closesAt.getTime() + 40 * 24 * 3600_000)
    .toISOString()
    .slice(0, 10);
  return {
    projectTitle: 'Friday night football in Braunstone',
    projectSummary: 'Free coached football on Friday evenings for young people aged 10 to 17.',
    ...(round.areas.length > 0 ? { areaId: round.areas[0].id } : {}),
    planThemes: round.planThemes.slice(0, 1),
    themesExplanation: 'Gives young people somewhere safe to be when anti-social behaviour peaks.',
    amountRequestedPence: amount,
    budgetLines: [
      { item: 'Coaches', amountPence: amount - 300_000 },
      { item: 'Pitch hire', amountPence: 300_000 },
    ],
    startDate,
    durationMonths: round.minDurationMonths,
    outcomes: 'Fewer reports of anti-social behaviour near the park on Friday nights.',
    outcomeMeasures: 'Attendance registers and police ASB figures for the ward, quarterly.',
    beneficiaryAgeGroups: ['11-17'],
    beneficiaryCount: 60,
    beneficiaryDescription: 'Young people at risk of being drawn into crime.',
    declarationTrue: true,
    declarationPolicies: true,
    ...overrides,
  };
}

/** A draft with every answer filled in, ready to submit. */
export async function createCompleteDraft(
  ctx: TestContext,
  applicant: Applicant,
  organisationId: string,
  round: GrantRound,
  overrides: AnswersPatch = {},
) {
  const applications = ctx.get(ApplicationsService);
  const draft = await applications.start(applicant, round.id, organisationId);
  return applications.saveAnswers(applicant, draft.id, completeAnswers(round, overrides), {
    complete: true,
  });
}
