import { ApplicationsService } from '@grants/applications';
import { AuditEvent } from '@grants/core';
import { OrganisationsService } from '@grants/organisations';
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

  it('lets an invited person in when they sign in with that address, and no one else', async () => {
    const chair = await createApplicant(ctx);
    const organisation = await createOrganisation(ctx, chair);
    const round = await createOpenRound(ctx, undefined, { code: 'INV' });
    const draft = await createCompleteDraft(ctx, chair, organisation.id, round);

    const treasurerEmail = `treasurer-${Date.now()}@braunstone-youth.org.uk`;
    await organisations.invite(chair, organisation.id, `  ${treasurerEmail.toUpperCase()} `);
    await organisations.invite(chair, organisation.id, treasurerEmail);
    const invites: { count: string }[] = await ctx.dataSource.query(
      `SELECT count(*) FROM outbound_emails WHERE to_address = $1 AND template = 'organisations/organisation-invite'`,
      [treasurerEmail],
    );
    expect(Number(invites[0].count)).toBe(1);

    const stranger = await createApplicant(ctx);
    await expect(
      organisations.invite(stranger, organisation.id, 'x@example.org'),
    ).rejects.toMatchObject({ status: 404 });
    await expect(organisations.get(stranger, organisation.id)).rejects.toMatchObject({
      status: 404,
    });

    const treasurer = await createApplicant(ctx, treasurerEmail);
    expect((await organisations.listFor(treasurer)).map((o) => o.id)).toEqual([organisation.id]);
    const seen = await ctx.get(ApplicationsService).get(treasurer, draft.id);
    expect(seen.id).toBe(draft.id);
    const members = await organisations.members(treasurer, organisation.id);
    expect(members.members.map((m) => m.email).sort()).toEqual(
      [chair.email, treasurerEmail].sort(),
    );
    expect(members.invites).toEqual([]);
    expect(
      await ctx.dataSource
        .getRepository(AuditEvent)
        .countBy({ subjectId: organisation.id, action: 'organisation.member-joined' }),
    ).toBe(1);
  });
});
