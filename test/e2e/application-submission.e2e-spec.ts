import {
  Application,
  applicationReference,
  ApplicationsService,
  lockRoundNumbering,
  referenceSql,
} from '@grants/applications';
import { AuditEvent } from '@grants/core';
import { Applicant } from '@grants/identity';
import { Organisation } from '@grants/organisations';
import { In } from 'typeorm';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
} from '../factories/application.factory';
import { CRF, CSF, createFund } from '../factories/round.factory';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * A submission reads and checks the application without a lock and writes in one statement only
 * if the application is still the version it read (with whatever other submissions arrive at the
 * same time): these pin that guard, the batching and the reference the statement builds.
 */
describe('application submission (one statement, real database)', () => {
  let ctx: TestContext;
  let applications: ApplicationsService;
  let applicant: Applicant;
  let organisation: Organisation;
  let seq = 0;
  const code = () => `S${++seq}`;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx);
    await createFund(ctx, CRF);
    applications = ctx.get(ApplicationsService);
    applicant = await createApplicant(ctx);
    organisation = await createOrganisation(ctx, applicant);
  });
  afterAll(() => ctx?.close());

  /** Waits until `count` statements of other connections wait for a row lock. */
  async function untilSomeoneWaitsForALock(count = 1): Promise<void> {
    for (let i = 0; i < 200; i += 1) {
      const [{ waiting }] = await ctx.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (waiting >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`Fewer than ${count} statements waited for a lock`);
  }

  /** Another transaction holding these rounds' numbering until `release`. */
  async function holdNumbering(roundIds: string[]): Promise<{ release: () => Promise<void> }> {
    const other = ctx.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    for (const roundId of roundIds) await lockRoundNumbering(other.manager, roundId);
    return {
      release: async () => {
        await other.commitTransaction();
        await other.release();
      },
    };
  }

  /** Time for submissions already sent to be read, checked and queued for the next statement. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

  it('checks and sends what is stored: a change committed mid-submission is read again, not overwritten', async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: code() });
    const draft = await createCompleteDraft(ctx, applicant, organisation.id, round);
    // Another request (a save in a second tab) holds the row while the submission is checked.
    const other = ctx.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    await other.query('SELECT id FROM applications WHERE id = $1 FOR UPDATE', [draft.id]);
    const submitting = applications.submit(applicant, draft.id);
    await untilSomeoneWaitsForALock();
    // It changes the title and commits; the submission's write then finds a newer version.
    await other.manager.update(Application, { id: draft.id }, { projectTitle: 'Changed in tab 2' });
    await other.commitTransaction();
    await other.release();

    const submitted = await submitting;
    expect(submitted.projectTitle).toBe('Changed in tab 2');
    expect(submitted.sequence).toBe(1);
    const emails: { data: { projectTitle: string; answers: { answer: string }[] } }[] =
      await ctx.dataSource.query(`SELECT data FROM outbound_emails WHERE data->>'reference' = $1`, [
        submitted.reference,
      ]);
    expect(emails).toHaveLength(1);
    expect(emails[0].data.projectTitle).toBe('Changed in tab 2');
    expect(emails[0].data.answers.map((a) => a.answer)).toContain('Changed in tab 2');
    expect(
      await ctx.dataSource
        .getRepository(AuditEvent)
        .countBy({ subjectId: draft.id, action: 'application.submitted' }),
    ).toBe(1);
    const [{ last_sequence }] = await ctx.dataSource.query(
      'SELECT last_sequence FROM round_application_counters WHERE round_id = $1',
      [round.id],
    );
    expect(last_sequence).toBe(1);
  });

  it('writes nothing for an applicant removed from the organisation while the submission was checked', async () => {
    // A round taking submissions one at a time: the submission reads, then waits for the round's
    // numbering lock, which another request holds while the member is removed.
    const round = await createOpenRound(ctx, CRF.slug, {
      code: code(),
      areas: [
        {
          name: 'Winterton',
          focusIssue: 'ASB in park areas',
          budgetCapPence: 1_000_000,
          shortlistSize: null,
        },
      ],
      maxGrantPence: 1_000_000,
      oneApplicationPerArea: true,
    });
    const member = await createApplicant(ctx);
    const organisation = await createOrganisation(ctx, member);
    const draft = await createCompleteDraft(ctx, member, organisation.id, round, {
      amountRequestedPence: 800_000,
    });
    const numbering = await holdNumbering([round.id]);
    const submitting = applications.submit(member, draft.id);
    await untilSomeoneWaitsForALock();
    await ctx.dataSource.query('DELETE FROM organisation_members WHERE applicant_id = $1', [
      member.id,
    ]);
    await numbering.release();

    await expect(submitting).rejects.toMatchObject({ code: 'application_not_found' });
    const stored = await ctx.dataSource
      .getRepository(Application)
      .findOneByOrFail({ id: draft.id });
    expect({ status: stored.status, reference: stored.reference }).toEqual({
      status: 'draft',
      reference: null,
    });
    expect(
      await ctx.dataSource
        .getRepository(AuditEvent)
        .countBy({ subjectId: draft.id, action: 'application.submitted' }),
    ).toBe(0);
  });

  it('writes submissions that arrive together in one statement, numbering each round in order', async () => {
    // Two rounds' submissions at once, while another transaction holds both rounds' numbering:
    // the statements already running wait, and everything arriving meanwhile goes together in
    // the next one.
    const rounds = [
      await createOpenRound(ctx, CSF.slug, { code: code() }),
      await createOpenRound(ctx, CSF.slug, { code: code() }),
    ];
    const drafts: Application[] = [];
    for (let i = 0; i < 12; i += 1)
      drafts.push(await createCompleteDraft(ctx, applicant, organisation.id, rounds[i % 2]));
    const numbering = await holdNumbering(rounds.map((r) => r.id));
    const submitting = Promise.all(drafts.map((d) => applications.submit(applicant, d.id)));
    await untilSomeoneWaitsForALock();
    await settle();
    await numbering.release();
    const submitted = await submitting;

    const roundOf = new Map(drafts.map((d, i) => [d.id, rounds[i % 2]]));
    const stored = await ctx.dataSource
      .getRepository(Application)
      .findBy({ id: In(drafts.map((d) => d.id)) });
    // Each statement is its own transaction, and updated_at is the transaction's time: at most
    // the two statements that were running, then one for the rest (one each: twelve).
    expect(new Set(stored.map((a) => a.updatedAt.getTime())).size).toBeLessThanOrEqual(3);
    for (const round of rounds)
      expect(
        stored
          .filter((a) => a.roundId === round.id)
          .map((a) => a.sequence)
          .sort((a, b) => a! - b!),
      ).toEqual([1, 2, 3, 4, 5, 6]);
    for (const application of submitted) {
      const row = stored.find((a) => a.id === application.id)!;
      expect(application.reference).toBe(row.reference);
      const round = roundOf.get(row.id)!;
      expect(row.reference).toBe(
        applicationReference('CSF', round.opensAt, round.code, row.sequence!),
      );
      const audit = await ctx.dataSource
        .getRepository(AuditEvent)
        .findBy({ subjectId: row.id, action: 'application.submitted' });
      expect(audit.map((e) => e.after)).toEqual([
        { status: 'submitted', reference: row.reference, failedChecks: [] },
      ]);
      const emails: { subject: string; reference: string }[] = await ctx.dataSource.query(
        `SELECT data->>'subject' AS subject, data->>'reference' AS reference FROM outbound_emails
          WHERE dedupe_key LIKE 'application-message:%' AND data->>'applicationUrl' LIKE '%' || $1`,
        [row.id],
      );
      expect(emails).toEqual([
        { subject: `Application ${row.reference} received`, reference: row.reference },
      ]);
    }
  });

  it('writes a correction, an answer, first submissions and a refused one in one statement', async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: code() });
    const corrected = await applications.submit(
      applicant,
      (await createCompleteDraft(ctx, applicant, organisation.id, round)).id,
    );
    const answered = await applications.submit(
      applicant,
      (await createCompleteDraft(ctx, applicant, organisation.id, round)).id,
    );
    // As an officer's reopening and question leave them.
    await ctx.dataSource.query(`UPDATE applications SET status = 'returned' WHERE id = $1`, [
      corrected.id,
    ]);
    await ctx.dataSource.query(
      `UPDATE applications SET status = 'more-information', outcome_reason = $2 WHERE id = $1`,
      [answered.id, 'Please send your safeguarding policy'],
    );
    const drafts: Application[] = [];
    for (let i = 0; i < 3; i += 1)
      drafts.push(await createCompleteDraft(ctx, applicant, organisation.id, round));
    const leaver = await createApplicant(ctx);
    const leaversDraft = await createCompleteDraft(
      ctx,
      leaver,
      (await createOrganisation(ctx, leaver)).id,
      round,
    );

    // Two statements wait for the numbering, one draft each; everything after them queues.
    const numbering = await holdNumbering([round.id]);
    const first = applications.submit(applicant, drafts[0].id);
    await untilSomeoneWaitsForALock(1);
    const second = applications.submit(applicant, drafts[1].id);
    await untilSomeoneWaitsForALock(2);
    const together = Promise.allSettled([
      applications.submit(applicant, corrected.id),
      applications.submit(applicant, answered.id, { response: 'Attached: our policy, May 2025' }),
      applications.submit(applicant, drafts[2].id),
      applications.submit(leaver, leaversDraft.id),
    ]);
    await settle();
    // The leaver's submission was checked; now they leave before it is written.
    await ctx.dataSource.query('DELETE FROM organisation_members WHERE applicant_id = $1', [
      leaver.id,
    ]);
    await numbering.release();
    const [a, b] = await Promise.all([first, second]);
    const [c, d, e, refused] = await together;

    expect(refused).toMatchObject({
      status: 'rejected',
      reason: { code: 'application_not_found' },
    });
    const results = [c, d, e].map((r) => (r as PromiseFulfilledResult<Application>).value);
    expect(results.map((r) => r.reference)).toEqual([
      corrected.reference,
      answered.reference,
      expect.any(String),
    ]);
    // No gap: the leaver's draft took no number.
    expect([a, b, results[2]].map((r) => r.sequence).sort()).toEqual([3, 4, 5]);
    const stored = await ctx.dataSource.getRepository(Application).findBy({
      id: In([corrected.id, answered.id, drafts[2].id, leaversDraft.id]),
    });
    const byId = new Map(stored.map((row) => [row.id, row]));
    expect(byId.get(leaversDraft.id)).toMatchObject({ status: 'draft', reference: null });
    // The three that queued were written by one statement (one transaction time).
    expect(
      new Set(
        [corrected.id, answered.id, drafts[2].id].map((id) => byId.get(id)!.updatedAt.getTime()),
      ).size,
    ).toBe(1);
    expect(byId.get(answered.id)).toMatchObject({
      status: 'submitted',
      sequence: 2,
      outcomeReason: 'Please send your safeguarding policy',
    });

    const messages = async (id: string) =>
      (
        await ctx.dataSource.query(
          `SELECT sender, subject, body FROM application_messages WHERE application_id = $1
            ORDER BY created_at, sender`,
          [id],
        )
      ).map((m: { sender: string; subject: string }) => [m.sender, m.subject]);
    expect((await messages(corrected.id)).at(-1)).toEqual([
      'office',
      `Your corrected application ${corrected.reference} has been received`,
    ]);
    expect((await messages(answered.id)).slice(-2)).toEqual([
      ['applicant', 'Your answer'],
      ['office', `We have your answer about ${answered.reference}`],
    ]);
    expect(await messages(leaversDraft.id)).toEqual([]);
    const actions = async (id: string) =>
      (
        await ctx.dataSource
          .getRepository(AuditEvent)
          .find({ where: { subjectId: id }, order: { occurredAt: 'ASC' } })
      )
        .filter((event) => event.action.startsWith('application.'))
        .map((event) => [event.action, event.after?.reference]);
    expect((await actions(answered.id)).at(-1)).toEqual([
      'application.more-information-answered',
      answered.reference,
    ]);
    expect((await actions(drafts[2].id)).at(-1)).toEqual([
      'application.submitted',
      results[2].reference,
    ]);
    expect((await actions(leaversDraft.id)).map(([action]) => action)).not.toContain(
      'application.submitted',
    );
    const emailed: { subject: string; reference: string }[] = await ctx.dataSource.query(
      `SELECT data->>'subject' AS subject, data->>'reference' AS reference FROM outbound_emails
        WHERE data->>'applicationUrl' LIKE '%' || $1 ORDER BY created_at DESC LIMIT 1`,
      [answered.id],
    );
    expect(emailed).toEqual([
      { subject: `We have your answer about ${answered.reference}`, reference: answered.reference },
    ]);
  });

  it('refuses an answer with control characters and stores a lone surrogate as U+FFFD', async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: code() });
    const asked = async () => {
      const sent = await applications.submit(
        applicant,
        (await createCompleteDraft(ctx, applicant, organisation.id, round)).id,
      );
      await ctx.dataSource.query(
        `UPDATE applications SET status = 'more-information', outcome_reason = $2 WHERE id = $1`,
        [sent.id, 'Please send your safeguarding policy'],
      );
      return sent;
    };
    const [nul, surrogate] = [await asked(), await asked()];
    // Sent together with a draft: neither answer may fail it (the answers travel as JSON).
    const draft = await createCompleteDraft(ctx, applicant, organisation.id, round);
    const [refused, stored, other] = await Promise.allSettled([
      applications.submit(applicant, nul.id, { response: 'Attached\u0000 our policy' }),
      applications.submit(applicant, surrogate.id, { response: 'Policy \ud800 attached' }),
      applications.submit(applicant, draft.id),
    ]);
    expect(refused).toMatchObject({
      status: 'rejected',
      reason: {
        code: 'validation_failed',
        errors: [{ field: 'response', message: 'Your answer must not contain control characters' }],
      },
    });
    expect(stored.status).toBe('fulfilled');
    expect(other.status).toBe('fulfilled');
    const [answer] = await ctx.dataSource.query(
      `SELECT body FROM application_messages WHERE application_id = $1 AND sender = 'applicant'`,
      [surrogate.id],
    );
    expect(answer.body).toBe('Policy \ufffd attached');
    const unchanged = await ctx.dataSource
      .getRepository(Application)
      .findOneByOrFail({ id: nul.id });
    expect(unchanged.status).toBe('more-information');
  });

  it('raises the version on every save, the budget alone too, so a submission sees it', async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: code() });
    const draft = await createCompleteDraft(ctx, applicant, organisation.id, round);
    const versionOf = async () =>
      (await ctx.dataSource.getRepository(Application).findOneByOrFail({ id: draft.id })).version;
    const before = await versionOf();
    await applications.saveAnswers(
      applicant,
      draft.id,
      {
        budgetLines: draft.budgetLines.map((l) => ({
          item: `${l.item} (revised)`,
          amountPence: l.amountPence,
        })),
      },
      { complete: false },
    );
    expect(await versionOf()).toBe(before + 1);
  });

  it('builds the reference in SQL exactly as the application does, past 9,999 too', async () => {
    const opensAt = new Date('2023-03-09T09:00:00Z');
    for (const sequence of [1, 34, 999, 1000, 9999, 10000, 12345]) {
      const [{ reference }] = await ctx.dataSource.query(
        `SELECT ${referenceSql('$1::text', '$2::int')} AS reference`,
        ['CRF-2023-PILOT-', sequence],
      );
      expect(reference).toBe(applicationReference('CRF', opensAt, 'PILOT', sequence));
    }
  });
});
