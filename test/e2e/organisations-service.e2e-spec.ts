import { ApplicationsService } from '@grants/applications';
import { AuditEvent, formatUk } from '@grants/core';
import { INVITE_VALID_DAYS, OrganisationInvite, OrganisationsService } from '@grants/organisations';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
  organisationInput,
} from '../factories/application.factory';
import { createFund } from '../factories/round.factory';
import { createTestContext, TestContext } from '../support/test-context';

describe('organisations (service level, real database)', () => {
  let ctx: TestContext;
  let organisations: OrganisationsService;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx);
    organisations = ctx.get(OrganisationsService);
  });
  afterAll(() => ctx?.close());

  it('keeps registered numbers in their standard form and gives the 360Giving identifier', async () => {
    const applicant = await createApplicant(ctx);
    const cic = await createOrganisation(ctx, applicant, {
      name: 'Bridlington Seafront CIC',
      type: 'cic',
      charityNumber: '',
      companyNumber: '9876543',
      postcode: 'yo164ab',
    });
    expect(cic).toMatchObject({
      companyNumber: '09876543',
      postcode: 'YO16 4AB',
      charityNumber: null,
    });
  });

  it('refuses a bad profile field by field and writes nothing', async () => {
    const applicant = await createApplicant(ctx);
    await expect(
      organisations.create(
        applicant,
        organisationInput({ charityNumber: '12', postcode: 'NOT A CODE', contactEmail: 'sam@' }),
      ),
    ).rejects.toMatchObject({
      errors: [
        { field: 'charityNumber', message: expect.stringContaining('1123456') },
        { field: 'postcode', message: expect.stringContaining('postcode') },
        { field: 'contactEmail', message: expect.stringContaining('email') },
      ],
    });
    expect(await organisations.listFor(applicant)).toEqual([]);
  });

  /** Invitation emails written to an address (the outbox row is the guard against resending). */
  const inviteEmails = async (email: string) =>
    (await ctx.dataSource.query(
      `SELECT data FROM outbound_emails WHERE to_address = $1 AND template = 'organisations/organisation-invite' ORDER BY created_at`,
      [email],
    )) as { data: Record<string, string> }[];
  const auditCount = (subjectId: string, action: string) =>
    ctx.dataSource.getRepository(AuditEvent).countBy({ subjectId, action });
  let seq = 0;
  const newEmail = (who: string) => `${who}-${++seq}-${Date.now()}@braunstone-youth.org.uk`;

  /** A chair with an organisation, and a person with an account they have invited. */
  async function invited(who = 'treasurer') {
    const chair = await createApplicant(ctx);
    const organisation = await createOrganisation(ctx, chair, {
      name: 'Braunstone Youth Diversion Project',
    });
    const email = newEmail(who);
    await organisations.invite(chair, organisation.id, email);
    const person = await createApplicant(ctx, email);
    const [invite] = await organisations.pendingInvitesFor(person);
    return { chair, organisation, person, invite };
  }

  it('makes no one a member by inviting them: they see the invitation until they accept it', async () => {
    const chair = await createApplicant(ctx);
    const organisation = await createOrganisation(ctx, chair);
    const round = await createOpenRound(ctx, undefined, { code: 'INV' });
    const draft = await createCompleteDraft(ctx, chair, organisation.id, round);

    const treasurerEmail = newEmail('treasurer');
    await organisations.invite(chair, organisation.id, `  ${treasurerEmail.toUpperCase()} `);
    await organisations.invite(chair, organisation.id, treasurerEmail);
    const emails = await inviteEmails(treasurerEmail);
    expect(emails).toHaveLength(1);

    const stranger = await createApplicant(ctx);
    await expect(
      organisations.invite(stranger, organisation.id, 'x@example.org'),
    ).rejects.toMatchObject({ status: 404 });
    await expect(organisations.get(stranger, organisation.id)).rejects.toMatchObject({
      status: 404,
    });

    // Signing in is not accepting.
    const treasurer = await createApplicant(ctx, treasurerEmail);
    expect(await organisations.listFor(treasurer)).toEqual([]);
    expect(await ctx.get(ApplicationsService).listFor(treasurer)).toEqual([]);
    await expect(ctx.get(ApplicationsService).get(treasurer, draft.id)).rejects.toMatchObject({
      status: 404,
    });
    await expect(organisations.members(treasurer, organisation.id)).rejects.toMatchObject({
      status: 404,
    });
    const pending = await organisations.pendingInvitesFor(treasurer);
    expect(pending).toEqual([
      {
        id: expect.any(String),
        organisationId: organisation.id,
        organisationName: organisation.name,
        invitedBy: chair.email,
        invitedAt: expect.any(Date),
        expiresAt: expect.any(Date),
      },
    ]);
    const [invite] = pending;
    expect(invite.expiresAt.getTime() - invite.invitedAt.getTime()).toBe(
      INVITE_VALID_DAYS * 24 * 60 * 60 * 1000,
    );
    // The email says until when, in UK time.
    expect(emails[0].data.expiresAtUk).toBe(formatUk(invite.expiresAt));
    expect(emails[0].data.signInUrl).toMatch(/\/sign-in\?next=%2Forganisations$/);
    expect((await organisations.members(chair, organisation.id)).invites).toEqual([
      {
        id: invite.id,
        email: treasurerEmail,
        invitedAt: invite.invitedAt,
        expiresAt: invite.expiresAt,
      },
    ]);

    // Nobody else can answer it, whatever they know of it: the same answer as no invitation.
    for (const answer of [
      () => organisations.acceptInvite(stranger, invite.id),
      () => organisations.declineInvite(stranger, invite.id),
      () => organisations.acceptInvite(chair, invite.id),
      () => organisations.acceptInvite(treasurer, '6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c'),
      () => organisations.acceptInvite(treasurer, 'not-an-id'),
    ])
      await expect(answer()).rejects.toMatchObject({
        status: 404,
        code: 'invitation_not_found',
        message: expect.stringContaining('sign in with that address'),
      });
    expect(await organisations.listFor(stranger)).toEqual([]);
    expect(await organisations.pendingInvitesFor(stranger)).toEqual([]);

    const joined = await organisations.acceptInvite(treasurer, invite.id);
    expect(joined.id).toBe(organisation.id);
    expect((await organisations.listFor(treasurer)).map((o) => o.id)).toEqual([organisation.id]);
    expect((await ctx.get(ApplicationsService).get(treasurer, draft.id)).id).toBe(draft.id);
    const members = await organisations.members(treasurer, organisation.id);
    expect(members.members.map((m) => m.email).sort()).toEqual(
      [chair.email, treasurerEmail].sort(),
    );
    expect(members.invites).toEqual([]);
    expect(await organisations.pendingInvitesFor(treasurer)).toEqual([]);
    expect(await auditCount(organisation.id, 'organisation.member-joined')).toBe(1);

    // Answered once.
    await expect(organisations.acceptInvite(treasurer, invite.id)).rejects.toMatchObject({
      status: 409,
      code: 'invitation_already_answered',
    });
    await expect(organisations.declineInvite(treasurer, invite.id)).rejects.toMatchObject({
      status: 409,
      code: 'invitation_already_answered',
    });
    await expect(
      organisations.revokeInvite(chair, organisation.id, invite.id),
    ).rejects.toMatchObject({ status: 409, code: 'invitation_already_answered' });
    // Inviting a member sends nothing.
    await organisations.invite(chair, organisation.id, treasurerEmail);
    expect(await inviteEmails(treasurerEmail)).toHaveLength(1);
  });

  it('refuses an expired invitation with a clear code, and inviting again re-opens it', async () => {
    const { chair, organisation, person, invite } = await invited('secretary');
    await ctx.dataSource.query(
      `UPDATE organisation_invites SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [invite.id],
    );
    expect(await organisations.pendingInvitesFor(person)).toEqual([]);
    expect((await organisations.members(chair, organisation.id)).invites).toEqual([]);
    await expect(organisations.acceptInvite(person, invite.id)).rejects.toMatchObject({
      status: 410,
      code: 'invitation_expired',
      message: expect.stringMatching(
        /^This invitation expired on .+ ask one of its members to invite you again\.$/,
      ),
    });
    await expect(organisations.declineInvite(person, invite.id)).rejects.toMatchObject({
      status: 410,
      code: 'invitation_expired',
    });
    await expect(
      organisations.revokeInvite(chair, organisation.id, invite.id),
    ).rejects.toMatchObject({ status: 410, code: 'invitation_expired' });
    expect(await organisations.listFor(person)).toEqual([]);

    await organisations.invite(chair, organisation.id, person.email);
    expect(await inviteEmails(person.email)).toHaveLength(2);
    const [again] = await organisations.pendingInvitesFor(person);
    expect(again.id).toBe(invite.id);
    expect(again.expiresAt.getTime()).toBeGreaterThan(Date.now());
    await organisations.acceptInvite(person, again.id);
    expect((await organisations.listFor(person)).map((o) => o.id)).toEqual([organisation.id]);
  });

  it('records a declined invitation, and inviting again sends one new email', async () => {
    const { chair, organisation, person, invite } = await invited('coach');
    await organisations.declineInvite(person, invite.id);
    expect(await organisations.pendingInvitesFor(person)).toEqual([]);
    expect(await organisations.listFor(person)).toEqual([]);
    expect((await organisations.members(chair, organisation.id)).invites).toEqual([]);
    expect(await auditCount(organisation.id, 'organisation.invite-declined')).toBe(1);
    await expect(organisations.acceptInvite(person, invite.id)).rejects.toMatchObject({
      status: 409,
      code: 'invitation_already_answered',
      message: expect.stringContaining('You have already declined this invitation'),
    });

    await organisations.invite(chair, organisation.id, person.email);
    await organisations.invite(chair, organisation.id, person.email);
    expect(await inviteEmails(person.email)).toHaveLength(2);
    expect(await organisations.pendingInvitesFor(person)).toHaveLength(1);
    expect(await auditCount(organisation.id, 'organisation.member-invited')).toBe(2);
  });

  it('lets any member withdraw an open invitation, and nobody else', async () => {
    const { chair, organisation, person: treasurer, invite } = await invited('treasurer');
    await organisations.acceptInvite(treasurer, invite.id);
    const volunteerEmail = newEmail('volunteer');
    await organisations.invite(chair, organisation.id, volunteerEmail);
    const volunteer = await createApplicant(ctx, volunteerEmail);
    const [open] = await organisations.pendingInvitesFor(volunteer);

    // Someone from another organisation: its ids and theirs do not mix.
    const other = await invited('other');
    await expect(
      organisations.revokeInvite(other.chair, organisation.id, open.id),
    ).rejects.toMatchObject({ status: 404, code: 'organisation_not_found' });
    await expect(
      organisations.revokeInvite(other.chair, other.organisation.id, open.id),
    ).rejects.toMatchObject({ status: 404, code: 'invitation_not_found' });
    await expect(
      organisations.revokeInvite(volunteer, organisation.id, open.id),
    ).rejects.toMatchObject({ status: 404, code: 'organisation_not_found' });
    await expect(
      organisations.revokeInvite(chair, organisation.id, 'not-an-id'),
    ).rejects.toMatchObject({ status: 404, code: 'invitation_not_found' });
    expect(await organisations.pendingInvitesFor(volunteer)).toHaveLength(1);

    // The treasurer withdraws the chair's invitation.
    await organisations.revokeInvite(treasurer, organisation.id, open.id);
    expect(await auditCount(organisation.id, 'organisation.invite-revoked')).toBe(1);
    expect(await organisations.pendingInvitesFor(volunteer)).toEqual([]);
    expect((await organisations.members(chair, organisation.id)).invites).toEqual([]);
    await expect(organisations.acceptInvite(volunteer, open.id)).rejects.toMatchObject({
      status: 410,
      code: 'invitation_withdrawn',
      message: expect.stringContaining(
        'withdrawn by a member of Braunstone Youth Diversion Project',
      ),
    });
    await expect(organisations.revokeInvite(chair, organisation.id, open.id)).rejects.toMatchObject(
      { status: 409, code: 'invitation_already_answered' },
    );
    expect(await organisations.listFor(volunteer)).toEqual([]);

    await organisations.invite(chair, organisation.id, volunteerEmail);
    expect(await inviteEmails(volunteerEmail)).toHaveLength(2);
    const row = await ctx.dataSource
      .getRepository(OrganisationInvite)
      .findOneByOrFail({ id: open.id });
    expect(row).toMatchObject({ revokedAt: null, acceptedAt: null, declinedAt: null });
  });

  it('sends one invitation and makes one membership when the same thing happens twice at once', async () => {
    const chair = await createApplicant(ctx);
    const organisation = await createOrganisation(ctx, chair);
    const email = newEmail('twice');
    await Promise.all([
      organisations.invite(chair, organisation.id, email),
      organisations.invite(chair, organisation.id, email),
    ]);
    expect(await inviteEmails(email)).toHaveLength(1);
    const person = await createApplicant(ctx, email);
    const [invite] = await organisations.pendingInvitesFor(person);
    const answers = await Promise.allSettled([
      organisations.acceptInvite(person, invite.id),
      organisations.acceptInvite(person, invite.id),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await organisations.listFor(person)).toHaveLength(1);
    expect(await auditCount(organisation.id, 'organisation.member-joined')).toBe(1);
  });
});
