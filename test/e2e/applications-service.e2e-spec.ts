import {
  Application,
  ApplicationQueueService,
  ApplicationsService,
  AppraisalService,
  ApplicationMessage,
} from '@grants/applications';
import { AuditEvent, Clock, fromUkLocal, SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { Applicant } from '@grants/identity';
import { Organisation } from '@grants/organisations';
import {
  completeAnswers,
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
} from '../factories/application.factory';
import { CRF, CSF, createFund } from '../factories/round.factory';
import { createTestContext, TestContext } from '../support/test-context';

describe('applications (service level, real database)', () => {
  let ctx: TestContext;
  let applications: ApplicationsService;
  let appraisal: AppraisalService;
  let applicant: Applicant;
  let organisation: Organisation;
  let seq = 0;
  const code = () => `A${++seq}`;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx);
    await createFund(ctx, CRF);
    applications = ctx.get(ApplicationsService);
    appraisal = ctx.get(AppraisalService);
    applicant = await createApplicant(ctx);
    organisation = await createOrganisation(ctx, applicant);
  });
  afterEach(() => ctx.get(Clock).freeze(null));
  afterAll(() => ctx?.close());

  it('submits with a reference of fund, year, round and number, checks and a receipt', async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: 'DIV' });
    const draft = await createCompleteDraft(ctx, applicant, organisation.id, round);
    const submitted = await applications.submit(applicant, draft.id);
    const year = new Intl.DateTimeFormat('en-GB', {
      year: 'numeric',
      timeZone: 'Europe/London',
    }).format(round.opensAt);
    expect(submitted.reference).toBe(`CSF-${year}-DIV-0001`);
    expect(submitted.status).toBe('submitted');
    expect(submitted.eligibilityChecks.every((c) => c.passed)).toBe(true);
    const receipt: { data: { answers: { question: string }[] } }[] = await ctx.dataSource.query(
      `SELECT data FROM outbound_emails WHERE template = 'applications/application-submitted' AND to_address = $1`,
      [applicant.email],
    );
    expect(receipt).toHaveLength(1);
    expect(receipt[0].data.answers.map((a) => a.question)).toContain('Budget');
    expect(
      await ctx.dataSource
        .getRepository(AuditEvent)
        .countBy({ subjectId: draft.id, action: 'application.submitted' }),
    ).toBe(1);
  });

  it('issues gap-free references under 20 concurrent submissions, one per application', async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: code() });
    const drafts: Application[] = [];
    for (let i = 0; i < 20; i += 1)
      drafts.push(await createCompleteDraft(ctx, applicant, organisation.id, round));
    // One application also submitted twice at once: exactly one of the two succeeds.
    const results = await Promise.allSettled([
      ...drafts.map((d) => applications.submit(applicant, d.id)),
      applications.submit(applicant, drafts[0].id),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    const rows = await ctx.dataSource.getRepository(Application).findBy({ roundId: round.id });
    expect(rows.map((r) => r.sequence).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(new Set(rows.map((r) => r.reference)).size).toBe(20);
  });

  it('gives a refused submission no number, and the next valid one the next number', async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: code() });
    const first = await createCompleteDraft(ctx, applicant, organisation.id, round);
    const incomplete = await applications.start(applicant, round.id, organisation.id);
    const second = await createCompleteDraft(ctx, applicant, organisation.id, round);
    await applications.submit(applicant, first.id);
    await expect(applications.submit(applicant, incomplete.id)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await applications.submit(applicant, second.id);
    const sequenceOf = async (id: string) =>
      (await ctx.dataSource.getRepository(Application).findOneByOrFail({ id })).sequence;
    expect([
      await sequenceOf(first.id),
      await sequenceOf(incomplete.id),
      await sequenceOf(second.id),
    ]).toEqual([1, null, 2]);
  });

  it.each([
    ['winter (GMT)', '2027-01-15', '17:00:00.000Z'],
    ['summer (BST)', '2027-06-15', '16:00:00.000Z'],
  ])(
    'takes submissions until 17:00 UK time in %s, to the second, and keeps the draft after',
    async (_, day, utc) => {
      const closesAt = fromUkLocal(day, '17:00');
      expect(closesAt.toISOString()).toBe(`${day}T${utc}`);
      const round = await createOpenRound(ctx, CSF.slug, { code: code(), closesAt });
      const early = await createCompleteDraft(ctx, applicant, organisation.id, round);
      const late = await createCompleteDraft(ctx, applicant, organisation.id, round);
      const clock = ctx.get(Clock);
      clock.freeze(new Date(closesAt.getTime() - 1000));
      await expect(applications.submit(applicant, early.id)).resolves.toMatchObject({
        status: 'submitted',
      });
      clock.freeze(closesAt);
      await expect(applications.submit(applicant, late.id)).rejects.toMatchObject({
        code: 'deadline_passed',
        message: expect.stringContaining(
          `${Number(day.slice(8))} ${day.startsWith('2027-01') ? 'January' : 'June'} 2027 at 5pm`,
        ),
      });
      expect((await applications.get(applicant, late.id)).status).toBe('draft');
    },
  );

  it('refuses what is incomplete or out of range, field by field, writing nothing', async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: code() });
    const draft = await applications.start(applicant, round.id, organisation.id);
    await expect(
      applications.saveAnswers(
        applicant,
        draft.id,
        { amountRequestedPence: 2_000_001, projectTitle: 'x' },
        { complete: true },
      ),
    ).rejects.toMatchObject({
      errors: [
        { field: 'amountRequestedPence', message: 'The amount cannot be more than £20,000.00' },
      ],
    });
    expect((await applications.get(applicant, draft.id)).projectTitle).toBe('');
    await expect(applications.submit(applicant, draft.id)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await applications.saveAnswers(
      applicant,
      draft.id,
      completeAnswers(round, { budgetLines: [{ item: 'Coaches', amountPence: 100 }] }),
      { complete: true },
    );
    await expect(applications.submit(applicant, draft.id)).rejects.toMatchObject({
      errors: [{ field: 'budgetLines', message: expect.stringContaining('must be the same') }],
    });
    expect(
      await ctx.dataSource.query(`SELECT 1 FROM round_application_counters WHERE round_id = $1`, [
        round.id,
      ]),
    ).toHaveLength(0);
  });

  it('hides one organisation’s applications from another’s members', async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: code() });
    const draft = await createCompleteDraft(ctx, applicant, organisation.id, round);
    const other = await createApplicant(ctx);
    await createOrganisation(ctx, other, { name: 'Another group', charityNumber: '1000001' });
    for (const attempt of [
      () => applications.get(other, draft.id),
      () =>
        applications.saveAnswers(other, draft.id, { projectTitle: 'Mine now' }, { complete: true }),
      () => applications.submit(other, draft.id),
      () => applications.withdraw(other, draft.id),
      () => applications.messages(other, draft.id),
      () => applications.start(other, round.id, organisation.id),
    ])
      await expect(attempt()).rejects.toMatchObject({ status: 404 });
    expect(await applications.listFor(other)).toHaveLength(0);
  });

  it('runs the appraisal: more information, an answer, then eligible; ineligible sends the reason', async () => {
    const round = await createOpenRound(ctx, CRF.slug, {
      code: code(),
      areas: [
        {
          name: 'Winterton',
          focusIssue: 'ASB in park areas',
          budgetCapPence: 1_000_000,
          shortlistSize: null,
        },
        {
          name: 'Bridlington South',
          focusIssue: 'ASB linked to drug taking',
          budgetCapPence: 1_000_000,
          shortlistSize: null,
        },
      ],
      maxGrantPence: 1_000_000,
      oneApplicationPerArea: true,
    });
    const first = await applications.submit(
      applicant,
      (
        await createCompleteDraft(ctx, applicant, organisation.id, round, {
          amountRequestedPence: 800_000,
        })
      ).id,
    );
    const officer = { type: 'staff' as const, id: null, label: 'officer@opcc.test' };
    await appraisal.appraise(
      first.id,
      {
        confirmed: [],
        outcome: 'more-information',
        reason: 'Please send your safeguarding policy.',
      },
      officer,
    );
    const answered = await applications.submit(applicant, first.id, {
      response: 'Attached to our website at /safeguarding.',
    });
    expect(answered).toMatchObject({ status: 'submitted', reference: first.reference });
    await expect(
      appraisal.appraise(
        first.id,
        { confirmed: round.appraisalChecklist.slice(1), outcome: 'eligible' },
        officer,
      ),
    ).rejects.toMatchObject({ field: 'confirmed' });
    const eligible = await appraisal.appraise(
      first.id,
      { confirmed: round.appraisalChecklist, outcome: 'eligible' },
      officer,
    );
    expect(eligible.status).toBe('eligible');

    // A second application for the same area fails the one-per-area check; the officer says why.
    const second = await applications.submit(
      applicant,
      (
        await createCompleteDraft(ctx, applicant, organisation.id, round, {
          amountRequestedPence: 800_000,
        })
      ).id,
    );
    expect(second.eligibilityChecks.find((c) => c.key === 'duplicate')).toMatchObject({
      passed: false,
      reason: expect.stringContaining(first.reference!),
    });
    await expect(
      appraisal.appraise(second.id, { confirmed: [], outcome: 'ineligible' }, officer),
    ).rejects.toMatchObject({ field: 'reason' });
    await appraisal.appraise(
      second.id,
      { confirmed: [], outcome: 'ineligible', reason: 'Only one application per area.' },
      officer,
    );
    const messages = await applications.messages(applicant, second.id);
    expect(messages.map((m) => m.kind)).toEqual(['receipt', 'ineligible']);
    expect(messages[1].body).toBe('Only one application per area.');
    const kinds = (
      await ctx.dataSource.getRepository(ApplicationMessage).findBy({ applicationId: first.id })
    ).map((m) => m.kind);
    expect(kinds).toEqual([
      'receipt',
      'more-information-requested',
      'more-information-answered',
      'resubmitted',
      'eligible',
    ]);
  });

  it('reopens for a correction keeping the reference, even after the deadline; withdraws before a decision', async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: code() });
    const submitted = await applications.submit(
      applicant,
      (await createCompleteDraft(ctx, applicant, organisation.id, round)).id,
    );
    await expect(appraisal.reopen(submitted.id, '', SYSTEM_ACTOR)).rejects.toMatchObject({
      field: 'reason',
    });
    await appraisal.reopen(submitted.id, 'The budget lines name the wrong park.', SYSTEM_ACTOR);
    // Returned, not a draft: still in the officer's queue, still counted as sent in.
    const queue = ctx.get(ApplicationQueueService);
    expect((await queue.list({ roundId: round.id })).map((a) => [a.id, a.status])).toEqual([
      [submitted.id, 'returned'],
    ]);
    expect((await queue.counts(round.id)).byStatus.find((s) => s.status === 'draft')?.count).toBe(
      0,
    );
    await ctx.dataSource
      .getRepository(GrantRound)
      .update({ id: round.id }, { status: 'closed', closesAt: new Date(Date.now() - 1000) });
    await applications.saveAnswers(
      applicant,
      submitted.id,
      { projectTitle: 'Friday football in Braunstone Park' },
      { complete: true },
    );
    const again = await applications.submit(applicant, submitted.id);
    expect(again).toMatchObject({ status: 'submitted', reference: submitted.reference });
    const withdrawn = await applications.withdraw(applicant, submitted.id, 'Funded elsewhere');
    expect(withdrawn.status).toBe('withdrawn');
    await expect(applications.withdraw(applicant, submitted.id)).rejects.toMatchObject({
      code: 'invalid_transition',
    });
  });

  it('refuses an area on a round without areas, so no answer points into another round', async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: code() });
    const areaRound = await createOpenRound(ctx, CRF.slug, {
      code: code(),
      areas: [
        {
          name: 'Winterton',
          focusIssue: 'ASB in park areas',
          budgetCapPence: null,
          shortlistSize: null,
        },
      ],
    });
    const draft = await applications.start(applicant, round.id, organisation.id);
    await expect(
      applications.saveAnswers(
        applicant,
        draft.id,
        { areaId: areaRound.areas[0].id },
        { complete: false },
      ),
    ).rejects.toMatchObject({ errors: [{ field: 'areaId' }] });
    const inArea = await applications.start(applicant, areaRound.id, organisation.id);
    await expect(
      applications.saveAnswers(applicant, inArea.id, { areaId: round.id }, { complete: false }),
    ).rejects.toMatchObject({
      errors: [{ field: 'areaId', message: 'Select one of the areas this round funds' }],
    });
  });

  it('keeps unsent drafts from staff, and asks why when eligible overrides a failed check', async () => {
    const round = await createOpenRound(ctx, CSF.slug, {
      code: code(),
      eligibleOrganisationTypes: ['community-group'],
    });
    const draft = await createCompleteDraft(ctx, applicant, organisation.id, round);
    await expect(appraisal.get(draft.id)).rejects.toMatchObject({ status: 404 });
    const sent = await applications.submit(applicant, draft.id);
    expect(sent.eligibilityChecks.find((c) => c.key === 'organisation-type')?.passed).toBe(false);
    await expect(
      appraisal.appraise(
        sent.id,
        { confirmed: round.appraisalChecklist, outcome: 'eligible' },
        SYSTEM_ACTOR,
      ),
    ).rejects.toMatchObject({ field: 'overrideReason' });
    await appraisal.appraise(
      sent.id,
      {
        confirmed: round.appraisalChecklist,
        outcome: 'eligible',
        overrideReason: 'Constituted as a community group since 2019.',
      },
      SYSTEM_ACTOR,
    );
    const event = await ctx.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ subjectId: sent.id, action: 'application.eligible' });
    expect(event).toMatchObject({
      after: { overriddenChecks: ['organisation-type'] },
      reason: 'Constituted as a community group since 2019.',
    });
  });

  it('counts for staff only what was sent in: a draft withdrawn unsent counts nowhere', async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: code() });
    const sent = await applications.submit(
      applicant,
      (await createCompleteDraft(ctx, applicant, organisation.id, round)).id,
    );
    await applications.withdraw(applicant, sent.id);
    const unsent = await createCompleteDraft(ctx, applicant, organisation.id, round);
    await applications.withdraw(applicant, unsent.id);
    await createCompleteDraft(ctx, applicant, organisation.id, round);
    const counts = await ctx.get(ApplicationQueueService).counts(round.id);
    const count = (status: string) => counts.byStatus.find((s) => s.status === status)?.count;
    expect([count('withdrawn'), count('draft'), counts.total]).toEqual([1, 1, 2]);
  });
});
