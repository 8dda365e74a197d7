import { Application, ApplicationMessage } from '@grants/applications';
import { GrantRound, RoundSchedulerService } from '@grants/funds';
import { Organisation } from '@grants/organisations';
import {
  ApiApplicant,
  answersJson,
  createCompleteDraftByApi,
  createOrganisationByApi,
  isSignInMail,
  newApplicantEmail,
  organisationJson,
  signInByApi,
  waitForMail,
} from '../factories/applicant-api.factory';
import { createOpenRound } from '../factories/application.factory';
import { CRF, CSF, createFund, createRound } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { createTestContext, TestContext } from '../support/test-context';

type Res = Awaited<ReturnType<HttpClient['get']>>;

/** A coded refusal: the status, the code, and (when given) the field the message is on. */
function expectRefused(res: Res, status: number, code: string, field?: string) {
  const body = res.json();
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  if (field !== undefined)
    expect(body.errors?.map((e: { field: string }) => e.field)).toContain(field);
}

/** RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && ch === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
    } else if (quoted || ch !== '\r') {
      cell += ch;
    }
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/**
 * The whole of issue 3 over HTTP: an applicant signs in by the emailed code, sets up their
 * organisation, applies, and the grants officer appraises, with every email received by a real
 * SMTP server run by the test. Rounds are made with the factories on the server's database.
 */
describe('applications over the JSON API', () => {
  let sink: SmtpSink;
  let server: ServerProcess;
  let ctx: TestContext;
  let officer: HttpClient;
  let diversion: GrantRound;
  let roundSeq = 0;
  const roundCode = () => `DV${++roundSeq}`;

  const signIn = (who = 'applicant') => signInByApi(server.baseUrl, sink, newApplicantEmail(who));
  const mailWithSubject = async (email: string, subject: string) =>
    (await waitForMail(sink, email, (m) => m.subject === subject))[0];
  const submit = (applicant: ApiApplicant, id: string, json: unknown = {}) =>
    applicant.client.post(`/api/v1/applications/${id}/submit`, json);
  const appraise = (id: string, json: unknown) =>
    officer.post(`/api/v1/staff/applications/${id}/appraisal`, json);
  const allConfirmed = (round: GrantRound) => round.appraisalChecklist;

  /** A signed-in applicant with an organisation and a complete draft in the round. */
  const readyDraft = async (round = diversion, overrides = {}) => {
    const applicant = await signIn();
    const organisation = await createOrganisationByApi(applicant);
    const draft = await createCompleteDraftByApi(applicant, organisation.id, round, overrides);
    return { applicant, organisation, draft };
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestContext();
    server = await startServer({
      withWorker: true,
      env: {
        SMTP_URL: sink.url,
        EMAIL_SENDS_PER_HOUR: '1000',
        SIGN_IN_ATTEMPTS_PER_MINUTE: '1000',
        RATE_LIMIT_PER_MINUTE: '10000',
      },
    });
    await createFund(ctx, CSF);
    await createFund(ctx, CRF);
    diversion = await createOpenRound(ctx, CSF.slug, { code: 'DIV' });
    const staff = await createStaff(ctx, 'grants-officer');
    officer = new HttpClient(server.baseUrl).withBearer(
      await bearerFor(server.baseUrl, staff.email),
    );
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
    await sink?.stop();
  });

  it('takes an applicant from sign-in code to eligible, with every email received', async () => {
    const applicant = await signIn('sam');

    // The organisation, with its 360Giving identifier.
    const created = await applicant.client.post('/api/v1/organisations', organisationJson());
    expect(created.status).toBe(201);
    const organisation = created.json();
    expect(organisation).toMatchObject({
      name: 'Braunstone Youth Diversion Project',
      type: 'charity',
      typeLabel: 'Registered charity',
      charityNumber: '1123456',
      orgIdentifier: 'GB-CHC-1123456',
      postcode: 'LE3 1PA',
    });
    expect((await applicant.client.get('/api/v1/organisations')).json().organisations).toEqual([
      organisation,
    ]);
    const members = await applicant.client.get(`/api/v1/organisations/${organisation.id}/members`);
    expect(members.json()).toEqual({
      members: [{ email: applicant.email, joinedAt: expect.any(String) }],
      invites: [],
    });

    // A draft, saved in several goes; the task list follows.
    const started = await applicant.client.post('/api/v1/applications', {
      roundId: diversion.id,
      organisationId: organisation.id,
    });
    expect(started.status).toBe(201);
    const draft = started.json();
    expect(draft).toMatchObject({
      status: 'draft',
      reference: null,
      round: { id: diversion.id, code: 'DIV', fundName: CSF.name },
      organisation: { id: organisation.id, name: organisation.name },
      taskList: { completed: 0, total: 6 },
      can: { edit: true, submit: true, withdraw: true },
    });
    const url = `/api/v1/applications/${draft.id}`;
    const answers = answersJson(diversion);
    const saves = [
      {
        projectTitle: answers.projectTitle,
        projectSummary: answers.projectSummary,
        planThemes: answers.planThemes,
        themesExplanation: answers.themesExplanation,
      },
      { amountRequestedPence: answers.amountRequestedPence, budgetLines: answers.budgetLines },
      {
        startDate: answers.startDate,
        durationMonths: answers.durationMonths,
        outcomes: answers.outcomes,
        outcomeMeasures: answers.outcomeMeasures,
      },
      {
        beneficiaryAgeGroups: answers.beneficiaryAgeGroups,
        beneficiaryCount: answers.beneficiaryCount,
        beneficiaryDescription: answers.beneficiaryDescription,
        declarationTrue: true,
        declarationPolicies: true,
      },
    ];
    const completedAfter: number[] = [];
    for (const save of saves) {
      const res = await applicant.client.patch(url, save);
      expect(res.status).toBe(200);
      completedAfter.push(res.json().taskList.completed);
    }
    expect(completedAfter).toEqual([1, 2, 4, 6]);
    const full = (await applicant.client.get(url)).json();
    expect(full.answers).toEqual({ ...answers, areaId: null });
    expect(full.amountRequestedDisplay).toBe('£15,000.00');
    expect(full.taskList.sections.every((s: { state: string }) => s.state === 'completed')).toBe(
      true,
    );
    // The automatic checks and the officer's checklist are for staff only.
    expect(full).not.toHaveProperty('eligibilityChecks');
    expect(full).not.toHaveProperty('checklist');

    // Submit: a reference and a receipt with a copy of the answers.
    const submitted = await submit(applicant, draft.id);
    expect(submitted.status).toBe(200);
    const reference = submitted.json().reference;
    expect(reference).toMatch(/^CSF-\d{4}-DIV-0001$/);
    expect(submitted.json()).toMatchObject({ status: 'submitted', can: { edit: false } });
    const receipt = await mailWithSubject(applicant.email, `Application ${reference} received`);
    expect(receipt.text).toContain(`Your reference is ${reference}`);
    expect(receipt.text).toContain('A copy of your answers');
    expect(receipt.text).toContain('Friday night football in Braunstone');
    expect(receipt.text).toContain('Coaches: £12,000.00');
    expect(receipt.html).toContain(reference);

    // The officer's queue and view: checks with reasons, the checklist, the messages.
    const queue = await officer.get(`/api/v1/staff/applications?roundId=${diversion.id}`);
    expect(queue.status).toBe(200);
    expect(queue.json().applications.map((a: { reference: string }) => a.reference)).toEqual([
      reference,
    ]);
    const seen = (await officer.get(`/api/v1/staff/applications/${draft.id}`)).json();
    expect(seen.eligibilityChecks.length).toBeGreaterThanOrEqual(5);
    expect(seen.eligibilityChecks.every((c: { passed: boolean }) => c.passed)).toBe(true);
    expect(seen.checklist).toEqual(
      diversion.appraisalChecklist.map((item) => ({ item, confirmed: false })),
    );
    expect(seen.organisation.orgIdentifier).toBe('GB-CHC-1123456');
    expect(seen.messages.map((m: { kind: string }) => m.kind)).toEqual(['receipt']);

    // More information asked for, emailed, answered through submit.
    const question = 'When did your trustees last review the safeguarding policy?';
    const asked = await appraise(draft.id, {
      confirmed: diversion.appraisalChecklist.slice(0, 2),
      outcome: 'more-information',
      reason: question,
    });
    expect(asked.status).toBe(200);
    expect(asked.json()).toMatchObject({ status: 'more-information', outcomeReason: question });
    const askedMail = await mailWithSubject(
      applicant.email,
      `We need more information about application ${reference}`,
    );
    expect(askedMail.text).toContain(question);
    const mine = (await applicant.client.get(url)).json();
    expect(mine).toMatchObject({
      status: 'more-information',
      outcomeReason: question,
      can: { edit: true, submit: true },
    });
    expectRefused(await submit(applicant, draft.id), 422, 'reason_required', 'response');
    const answer = 'The trustees reviewed it in January; the next review is in January next year.';
    const answered = await submit(applicant, draft.id, { response: answer });
    expect(answered.status).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'submitted', reference });
    await mailWithSubject(applicant.email, `We have your answer about ${reference}`);
    const messages = (await applicant.client.get(`${url}/messages`)).json().messages;
    expect(messages.map((m: { kind: string; sender: string }) => `${m.sender}:${m.kind}`)).toEqual([
      'office:receipt',
      'office:more-information-requested',
      'applicant:more-information-answered',
      'office:resubmitted',
    ]);
    expect(messages[2].body).toBe(answer);

    // Eligible needs the whole checklist; then the applicant hears.
    expectRefused(
      await appraise(draft.id, {
        confirmed: diversion.appraisalChecklist.slice(1),
        outcome: 'eligible',
      }),
      422,
      'validation_failed',
      'confirmed',
    );
    expectRefused(
      await appraise(draft.id, { confirmed: ['Seen the trophy cabinet'], outcome: 'eligible' }),
      422,
      'validation_failed',
      'confirmed',
    );
    const eligible = await appraise(draft.id, {
      confirmed: allConfirmed(diversion),
      outcome: 'eligible',
    });
    expect(eligible.status).toBe(200);
    expect(eligible.json()).toMatchObject({ status: 'eligible' });
    expect(eligible.json().checklist.every((c: { confirmed: boolean }) => c.confirmed)).toBe(true);
    const eligibleMail = await mailWithSubject(
      applicant.email,
      `Application ${reference} is eligible`,
    );
    expect(eligibleMail.text).toContain('passed the eligibility check');
    expect((await applicant.client.get(url)).json()).toMatchObject({
      status: 'eligible',
      can: { edit: false, submit: false, withdraw: true },
    });
    // Decided: a second outcome is refused.
    expectRefused(
      await appraise(draft.id, { confirmed: [], outcome: 'ineligible', reason: 'Changed mind' }),
      409,
      'invalid_transition',
    );
  });

  it('marks an application ineligible with a reason the applicant is emailed', async () => {
    const { applicant, draft } = await readyDraft();
    const submitted = await submit(applicant, draft.id);
    const reference = submitted.json().reference;
    expect(reference).toMatch(/^CSF-\d{4}-DIV-\d{4}$/);
    expectRefused(
      await appraise(draft.id, { confirmed: [], outcome: 'ineligible' }),
      422,
      'reason_required',
      'reason',
    );
    const reason =
      'The project would mostly fund adults over 24; this round funds activities for people aged 10 to 24.';
    const res = await appraise(draft.id, { confirmed: [], outcome: 'ineligible', reason });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ineligible', outcomeReason: reason });
    const mail = await mailWithSubject(applicant.email, `Application ${reference} is not eligible`);
    expect(mail.text).toContain('it is not eligible for this round, for this reason');
    expect(mail.text).toContain(reason);
    expect(
      (await applicant.client.get(`/api/v1/applications/${draft.id}/messages`))
        .json()
        .messages.at(-1),
    ).toMatchObject({
      kind: 'ineligible',
      body: reason,
    });
    // A decision is final: the applicant can no longer withdraw it.
    expectRefused(
      await applicant.client.post(`/api/v1/applications/${draft.id}/withdraw`, {}),
      409,
      'invalid_transition',
    );
  });

  it('lets the officer reopen a submitted application for a correction, keeping its reference', async () => {
    const { applicant, draft } = await readyDraft();
    const reference = (await submit(applicant, draft.id)).json().reference;
    const url = `/api/v1/staff/applications/${draft.id}/reopen`;
    expectRefused(await officer.post(url, {}), 422, 'validation_failed', 'reason');
    expectRefused(await officer.post(url, { reason: '   ' }), 422, 'reason_required', 'reason');
    const reason = 'The budget lines leave out the cost of the pitch hire.';
    const reopened = await officer.post(url, { reason });
    expect(reopened.status).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'returned', reference });
    const mail = await mailWithSubject(
      applicant.email,
      `Application ${reference} reopened for a correction`,
    );
    expect(mail.text).toContain(reason);
    expect(
      (
        await applicant.client.patch(`/api/v1/applications/${draft.id}`, {
          projectTitle: 'Friday night football and pitch hire in Braunstone',
        })
      ).status,
    ).toBe(200);
    const again = await submit(applicant, draft.id);
    expect(again.status).toBe(200);
    expect(again.json().reference).toBe(reference);
    await mailWithSubject(
      applicant.email,
      `Your corrected application ${reference} has been received`,
    );
  });

  it('withdraws a draft or a submitted application; a withdrawn one cannot change', async () => {
    const { applicant, draft } = await readyDraft();
    const reference = (await submit(applicant, draft.id)).json().reference;
    const withdrawn = await applicant.client.post(`/api/v1/applications/${draft.id}/withdraw`, {
      reason: 'We have found other funding for the project.',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      status: 'withdrawn',
      withdrawnAt: expect.any(String),
      can: { edit: false, submit: false, withdraw: false },
    });
    const mail = await mailWithSubject(applicant.email, `Application ${reference} withdrawn`);
    expect(mail.text).toContain('We have found other funding');
    expectRefused(
      await applicant.client.patch(`/api/v1/applications/${draft.id}`, { projectTitle: 'Again' }),
      409,
      'application_not_editable',
    );
    expectRefused(await submit(applicant, draft.id), 409, 'invalid_transition');
    expectRefused(
      await applicant.client.post(`/api/v1/applications/${draft.id}/withdraw`, {}),
      409,
      'invalid_transition',
    );
    // A draft can be withdrawn too, and nothing is emailed for it.
    const organisationId = (await applicant.client.get('/api/v1/organisations')).json()
      .organisations[0].id;
    const second = await applicant.client.post('/api/v1/applications', {
      roundId: diversion.id,
      organisationId,
    });
    const res = await applicant.client.post(`/api/v1/applications/${second.json().id}/withdraw`);
    expect(res.status).toBe(200);
    expect(res.json().status).toBe('withdrawn');
  });

  it('issues exactly one reference when one application is submitted twice at once', async () => {
    const { applicant, draft } = await readyDraft();
    const results = await Promise.all([submit(applicant, draft.id), submit(applicant, draft.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.status === 409)!;
    const accepted = results.find((r) => r.status === 200)!;
    expect(refused.json().code).toBe('already_submitted');
    expect(refused.json().message).toContain(accepted.json().reference);
    const row = await ctx.dataSource.getRepository(Application).findOneByOrFail({ id: draft.id });
    expect(row.reference).toBe(accepted.json().reference);
    const receipts = await ctx.dataSource
      .getRepository(ApplicationMessage)
      .countBy({ applicationId: draft.id, kind: 'receipt' });
    expect(receipts).toBe(1);
  });

  it('starts applications only in open rounds', async () => {
    const applicant = await signIn();
    const organisation = await createOrganisationByApi(applicant);
    const start = (roundId: unknown, organisationId: unknown = organisation.id) =>
      applicant.client.post('/api/v1/applications', { roundId, organisationId });

    const closed = await createOpenRound(ctx, CSF.slug, { code: roundCode() });
    await ctx
      .get(RoundSchedulerService)
      .closeIfDue(closed.id, new Date(closed.closesAt.getTime() + 1000));
    expectRefused(await start(closed.id), 422, 'round_not_open');

    const scheduled = await createOpenRound(ctx, CSF.slug, {
      code: roundCode(),
      opensAt: new Date(Date.now() + 3600_000),
    });
    expect(scheduled.status).toBe('scheduled');
    expectRefused(await start(scheduled.id), 422, 'round_not_open');

    // A draft round is not public: it is answered as no such round.
    const draftRound = await createRound(ctx, CSF.slug, { code: roundCode() });
    expectRefused(await start(draftRound.id), 422, 'validation_failed', 'roundId');
    expectRefused(
      await start('6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c'),
      422,
      'validation_failed',
      'roundId',
    );
    expectRefused(await start('DIV'), 422, 'validation_failed', 'roundId');
    expectRefused(await start(diversion.id, 'mine'), 422, 'validation_failed', 'organisationId');
    expectRefused(
      await start(diversion.id, '6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c'),
      404,
      'organisation_not_found',
    );
    expect(
      await ctx.dataSource.getRepository(Application).countBy({ organisationId: organisation.id }),
    ).toBe(0);
  });

  it('refuses bad answers with a code and the field, and writes nothing', async () => {
    const applicant = await signIn();
    const organisation = await createOrganisationByApi(applicant);
    const id = (
      await applicant.client.post('/api/v1/applications', {
        roundId: diversion.id,
        organisationId: organisation.id,
      })
    ).json().id;
    const url = `/api/v1/applications/${id}`;
    expect((await applicant.client.patch(url, { projectTitle: 'Before' })).status).toBe(200);

    const bad: [string, Record<string, unknown>, number, string, string][] = [
      [
        'unknown field',
        { projectTitle: 'After', favouriteColour: 'blue' },
        422,
        'validation_failed',
        'favouriteColour',
      ],
      [
        'pence with decimals',
        { amountRequestedPence: 1500000.5 },
        422,
        'validation_failed',
        'amountRequestedPence',
      ],
      [
        'pounds as a string',
        { amountRequestedPence: '15000.00' },
        422,
        'validation_failed',
        'amountRequestedPence',
      ],
      [
        'negative amount',
        { amountRequestedPence: -100 },
        422,
        'validation_failed',
        'amountRequestedPence',
      ],
      [
        'zero amount',
        { amountRequestedPence: 0 },
        422,
        'validation_failed',
        'amountRequestedPence',
      ],
      [
        'over the round maximum',
        { amountRequestedPence: 2_000_001 },
        422,
        'validation_failed',
        'amountRequestedPence',
      ],
      [
        'budget line in decimals',
        { budgetLines: [{ item: 'Coaches', amountPence: 10.5 }] },
        422,
        'validation_failed',
        'budgetLines.0.amountPence',
      ],
      [
        'negative budget line',
        {
          budgetLines: [
            { item: 'Coaches', amountPence: 100 },
            { item: 'Refund', amountPence: -100 },
          ],
        },
        422,
        'validation_failed',
        'budgetLines.1.amountPence',
      ],
      [
        'budget line without an item',
        { budgetLines: [{ item: ' ', amountPence: 100 }] },
        422,
        'validation_failed',
        'budgetLines.0.item',
      ],
      [
        'budget line with an extra field',
        { budgetLines: [{ item: 'Coaches', amountPence: 100, vat: 20 }] },
        422,
        'validation_failed',
        'budgetLines.0.vat',
      ],
      [
        'too many budget lines',
        {
          budgetLines: Array.from({ length: 21 }, (_, i) => ({
            item: `Line ${i}`,
            amountPence: 100,
          })),
        },
        422,
        'validation_failed',
        'budgetLines',
      ],
      [
        'title too long',
        { projectTitle: 'x'.repeat(121) },
        422,
        'validation_failed',
        'projectTitle',
      ],
      [
        'summary too long',
        { projectSummary: 'x'.repeat(2001) },
        422,
        'validation_failed',
        'projectSummary',
      ],
      ['outcomes too long', { outcomes: 'x'.repeat(2001) }, 422, 'validation_failed', 'outcomes'],
      [
        'description too long',
        { beneficiaryDescription: 'x'.repeat(1001) },
        422,
        'validation_failed',
        'beneficiaryDescription',
      ],
      [
        'control characters',
        { projectTitle: 'Football\u0007' },
        422,
        'validation_failed',
        'projectTitle',
      ],
      ['UK date format', { startDate: '02/06/2025' }, 422, 'validation_failed', 'startDate'],
      ['no such date', { startDate: '2031-02-30' }, 422, 'validation_failed', 'startDate'],
      [
        'before the round closes',
        { startDate: '2020-01-01' },
        422,
        'validation_failed',
        'startDate',
      ],
      [
        'months with decimals',
        { durationMonths: 12.5 },
        422,
        'validation_failed',
        'durationMonths',
      ],
      [
        'too short for the round',
        { durationMonths: 6 },
        422,
        'validation_failed',
        'durationMonths',
      ],
      [
        'unknown age group',
        { beneficiaryAgeGroups: ['toddlers'] },
        422,
        'validation_failed',
        'beneficiaryAgeGroups',
      ],
      [
        'theme not in the round',
        { planThemes: ['Space travel'] },
        422,
        'validation_failed',
        'planThemes',
      ],
      [
        'area in a round without areas',
        { areaId: 'Winterton' },
        422,
        'validation_failed',
        'areaId',
      ],
      ['null', { projectTitle: null }, 422, 'validation_failed', 'projectTitle'],
      ['number for text', { projectSummary: 42 }, 422, 'validation_failed', 'projectSummary'],
      [
        'string for a declaration',
        { declarationTrue: 'yes' },
        422,
        'validation_failed',
        'declarationTrue',
      ],
      [
        'too many people',
        { beneficiaryCount: 1_000_001 },
        422,
        'validation_failed',
        'beneficiaryCount',
      ],
    ];
    for (const [what, json, status, code, field] of bad) {
      const res = await applicant.client.patch(url, json);
      const body = res.json();
      expect({ what, status: res.status, code: body.code }).toEqual({ what, status, code });
      expect({ what, fields: body.errors.map((e: { field: string }) => e.field) }).toEqual({
        what,
        fields: expect.arrayContaining([field]),
      });
    }
    // Nothing was half-written: the one good field in a bad request was not saved either.
    const row = await ctx.dataSource.getRepository(Application).findOneByOrFail({ id });
    expect(row.projectTitle).toBe('Before');
    expect(row.amountRequestedPence).toBeNull();

    // The limits themselves are allowed; HTML and script are kept as text, exactly.
    const script = '<script>alert("x")</script> & <b>Braunstone</b> youth';
    const ok = await applicant.client.patch(url, {
      projectTitle: 'x'.repeat(120),
      projectSummary: script,
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
    expect(ok.json().answers.projectSummary).toBe(script);
    expect(
      (await ctx.dataSource.getRepository(Application).findOneByOrFail({ id })).projectSummary,
    ).toBe(script);

    // Not JSON: refused as the client's mistake, with a code, and nothing saved.
    const raw = (contentType: string, body: string) =>
      fetch(server.baseUrl + url, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${applicant.token}`, 'content-type': contentType },
        body,
      });
    for (const [type, body, status, code] of [
      ['application/xml', '<projectTitle>x</projectTitle>', 415, 'unsupported_media_type'],
      ['text/plain', 'projectTitle=x', 422, 'validation_failed'],
      ['application/json', '{"projectTitle": ', 400, 'bad_request'],
    ] as const) {
      const res = await raw(type, body);
      const json = (await res.json()) as { code: string };
      expect({ type, status: res.status, code: json.code }).toEqual({ type, status, code });
    }
    // A list where an object belongs.
    expectRefused(
      await applicant.client.patch(url, [{ projectTitle: 'x' }]),
      422,
      'validation_failed',
    );

    // An incomplete draft cannot be submitted: every missing answer is named.
    const incomplete = await submit(applicant, id);
    expectRefused(incomplete, 422, 'validation_failed');
    expect(incomplete.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining([
        'amountRequestedPence',
        'budgetLines',
        'startDate',
        'declarationTrue',
      ]),
    );
    expectRefused(
      await submit(applicant, id, { response: 'x'.repeat(5001) }),
      422,
      'validation_failed',
      'response',
    );
  });

  it('checks that the budget adds up and the amount is within an area cap', async () => {
    const pilot = await createOpenRound(ctx, CRF.slug, {
      code: roundCode(),
      title: 'Community Response Fund pilot',
      areas: [
        {
          name: 'Winterton',
          focusIssue: 'Anti-social behaviour in park areas where young people gather',
          budgetCapPence: 900_000,
          shortlistSize: null,
        },
        {
          name: 'Bridlington South',
          focusIssue: 'Anti-social behaviour linked to drug taking',
          budgetCapPence: 1_000_000,
          shortlistSize: null,
        },
      ],
      planThemes: [],
      budgetContributions: [{ sourceName: 'Community Response Fund', amountPence: 2_000_000 }],
      maxGrantPence: 1_000_000,
      minDurationMonths: 3,
      maxDurationMonths: 12,
      eligibleOrganisationTypes: [
        'charity',
        'social-enterprise',
        'community-group',
        'town-or-parish-council',
      ],
      decisionMethod: 'public-vote',
      recommendThresholdBp: null,
      reserveThresholdBp: null,
      shortlistSize: 3,
      winnersPerArea: 1,
    });
    const applicant = await signIn();
    const organisation = await createOrganisationByApi(applicant, {
      name: 'Winterton Town Council',
      type: 'town-or-parish-council',
      charityNumber: '',
      postcode: 'DN15 9QT',
      town: 'Winterton',
    });
    expect(organisation.orgIdentifier).toBeNull();
    const id = (
      await applicant.client.post('/api/v1/applications', {
        roundId: pilot.id,
        organisationId: organisation.id,
      })
    ).json().id;
    const url = `/api/v1/applications/${id}`;
    const res = await applicant.client.patch(url, {
      areaId: pilot.areas[0].id,
      amountRequestedPence: 900_001,
    });
    expectRefused(res, 422, 'validation_failed', 'amountRequestedPence');
    expect(res.json().message).toContain('Winterton');
    const answers = answersJson(pilot, {
      amountRequestedPence: 800_000,
      budgetLines: [
        { item: 'Youth outreach workers', amountPence: 600_000 },
        { item: 'Park activities', amountPence: 150_000 },
      ],
    });
    expect((await applicant.client.patch(url, answers)).status).toBe(200);
    const refused = await submit(applicant, id);
    expectRefused(refused, 422, 'validation_failed', 'budgetLines');
    expect(refused.json().message).toContain('£7,500.00');
    await applicant.client.patch(url, {
      budgetLines: [...answers.budgetLines!, { item: 'Equipment', amountPence: 50_000 }],
    });
    const submitted = await submit(applicant, id);
    expect(submitted.status).toBe(200);
    expect(submitted.json().area).toEqual({ id: pilot.areas[0].id, name: 'Winterton' });
  });

  it('exports a round as CSV and counts its applications by status and area', async () => {
    const round = await createOpenRound(ctx, CRF.slug, {
      code: roundCode(),
      title: 'Community Response Fund pilot',
      areas: [
        {
          name: 'Winterton',
          focusIssue: 'Anti-social behaviour in park areas where young people gather',
          budgetCapPence: 1_000_000,
          shortlistSize: null,
        },
        {
          name: 'Bridlington South',
          focusIssue: 'Anti-social behaviour linked to drug taking',
          budgetCapPence: 1_000_000,
          shortlistSize: null,
        },
      ],
      planThemes: [],
      budgetContributions: [{ sourceName: 'Community Response Fund', amountPence: 2_000_000 }],
      maxGrantPence: 1_000_000,
      minDurationMonths: 3,
      maxDurationMonths: 12,
      eligibleOrganisationTypes: ['charity', 'community-group'],
      decisionMethod: 'public-vote',
      recommendThresholdBp: null,
      reserveThresholdBp: null,
      shortlistSize: 3,
      winnersPerArea: 1,
    });
    const amounts = { amountRequestedPence: 800_000 };
    const winterton = await readyDraft(round, amounts);
    const bridlington = await readyDraft(round, { ...amounts, areaId: round.areas[1].id });
    const formula = await readyDraft(round, {
      ...amounts,
      projectTitle: '=HYPERLINK("http://evil.example","Click")',
    });
    const stillDraft = await readyDraft(round, amounts);
    void stillDraft;
    const refs: string[] = [];
    for (const { applicant, draft } of [winterton, bridlington, formula])
      refs.push((await submit(applicant, draft.id)).json().reference);
    await appraise(bridlington.draft.id, {
      confirmed: [],
      outcome: 'ineligible',
      reason: 'Not in the area',
    });

    const counts = await officer.get(`/api/v1/staff/rounds/${round.id}/application-counts`);
    expect(counts.status).toBe(200);
    const body = counts.json();
    const byStatus = Object.fromEntries(
      body.byStatus.map((s: { status: string; count: number }) => [s.status, s.count]),
    );
    expect(byStatus).toEqual({
      draft: 1,
      submitted: 2,
      'more-information': 0,
      returned: 0,
      eligible: 0,
      ineligible: 1,
      withdrawn: 0,
      shortlisted: 0,
      'not-shortlisted': 0,
      awarded: 0,
      unsuccessful: 0,
    });
    expect(body.total).toBe(4);
    expect(body.byArea).toEqual([
      { areaId: round.areas[0].id, areaName: 'Winterton', count: 2 },
      { areaId: round.areas[1].id, areaName: 'Bridlington South', count: 1 },
    ]);

    const csv = await officer.get(`/api/v1/staff/rounds/${round.id}/applications.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="CRF-${round.code}-applications.csv"`,
    );
    const [header, ...rows] = parseCsv(csv.text);
    expect(header.slice(0, 4)).toEqual([
      'Reference',
      'Status',
      'Organisation',
      'Organisation type',
    ]);
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    expect(rows.map((r) => cell(r, 'Reference'))).toEqual(refs);
    expect(rows.map((r) => cell(r, 'Status'))).toEqual(['Submitted', 'Not eligible', 'Submitted']);
    expect(rows.map((r) => cell(r, 'Area'))).toEqual([
      'Winterton',
      'Bridlington South',
      'Winterton',
    ]);
    expect(cell(rows[1], 'Outcome reason')).toBe('Not in the area');
    expect(cell(rows[0], 'Amount requested (GBP)')).toBe('8,000.00');
    expect(cell(rows[0], 'Amount requested (pence)')).toBe('800000');
    expect(cell(rows[0], 'Charity number')).toBe('1123456');
    expect(cell(rows[0], 'Budget')).toBe('Coaches: £5,000.00\nPitch hire: £3,000.00');
    // A cell that starts like a formula is kept as text in a spreadsheet.
    expect(cell(rows[2], 'Project title')).toBe(`'=HYPERLINK("http://evil.example","Click")`);

    // Filters of the queue.
    const ineligible = await officer.get(
      `/api/v1/staff/applications?roundId=${round.id}&status=ineligible`,
    );
    expect(ineligible.json().applications.map((a: { id: string }) => a.id)).toEqual([
      bridlington.draft.id,
    ]);
    const inArea = await officer.get(
      `/api/v1/staff/applications?roundId=${round.id}&areaId=${round.areas[0].id}`,
    );
    expect(inArea.json().applications.map((a: { reference: string }) => a.reference)).toEqual([
      refs[0],
      refs[2],
    ]);
    expectRefused(
      await officer.get('/api/v1/staff/applications?status=approved'),
      422,
      'validation_failed',
      'status',
    );
    expectRefused(
      await officer.get('/api/v1/staff/applications?roundId=DIV'),
      422,
      'validation_failed',
      'roundId',
    );
    expectRefused(
      await officer.get('/api/v1/staff/applications?sort=amount'),
      422,
      'validation_failed',
      'sort',
    );
  });

  it('answers 404, never 500, for ids that are not ids', async () => {
    const applicant = await signIn();
    for (const path of [
      '/api/v1/applications/not-a-uuid',
      '/api/v1/applications/123/messages',
      '/api/v1/applications/%27%3B%20DROP%20TABLE',
    ])
      expectRefused(await applicant.client.get(path), 404, 'application_not_found');
    expectRefused(
      await applicant.client.patch('/api/v1/applications/x', { projectTitle: 'x' }),
      404,
      'application_not_found',
    );
    expectRefused(
      await applicant.client.post('/api/v1/applications/x/submit'),
      404,
      'application_not_found',
    );
    expectRefused(
      await applicant.client.post('/api/v1/applications/x/withdraw'),
      404,
      'application_not_found',
    );
    expectRefused(
      await applicant.client.get('/api/v1/organisations/x'),
      404,
      'organisation_not_found',
    );
    expectRefused(
      await applicant.client.get('/api/v1/organisations/x/members'),
      404,
      'organisation_not_found',
    );
    expectRefused(
      await applicant.client.request('PUT', '/api/v1/organisations/x', {
        json: organisationJson(),
      }),
      404,
      'organisation_not_found',
    );
    expectRefused(
      await applicant.client.post('/api/v1/organisations/x/invites', {
        email: newApplicantEmail(),
      }),
      404,
      'organisation_not_found',
    );
    expectRefused(
      await applicant.client.request('DELETE', '/api/v1/organisations/x/invites/x'),
      404,
      'organisation_not_found',
    );
    expectRefused(
      await applicant.client.post('/api/v1/organisations/invitations/x/accept'),
      404,
      'invitation_not_found',
    );
    expectRefused(
      await applicant.client.post('/api/v1/organisations/invitations/x/decline'),
      404,
      'invitation_not_found',
    );
    expectRefused(await officer.get('/api/v1/staff/applications/x'), 404, 'application_not_found');
    expectRefused(
      await officer.post('/api/v1/staff/applications/x/appraisal', { confirmed: [] }),
      404,
      'application_not_found',
    );
    expectRefused(
      await officer.post('/api/v1/staff/applications/x/reopen', { reason: 'x' }),
      404,
      'application_not_found',
    );
    expectRefused(await officer.get('/api/v1/staff/rounds/x/application-counts'), 404, 'not_found');
    expectRefused(await officer.get('/api/v1/staff/rounds/x/applications.csv'), 404, 'not_found');
    expectRefused(
      await officer.get(
        '/api/v1/staff/rounds/6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c/applications.csv',
      ),
      404,
      'not_found',
    );
  });

  it("checks organisation profiles field by field and keeps company numbers' leading zeros", async () => {
    const applicant = await signIn();
    const bad: [Record<string, unknown>, string][] = [
      [{ postcode: 'NOT A POSTCODE' }, 'postcode'],
      [{ charityNumber: '12345' }, 'charityNumber'],
      [{ type: 'charity', charityNumber: '' }, 'charityNumber'],
      [{ type: 'pub-quiz-team' }, 'type'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ contactEmail: 'sam at braunstone' }, 'contactEmail'],
      [{ contactPhone: '12' }, 'contactPhone'],
      [{ type: 'cic', charityNumber: '', companyNumber: 'ABC' }, 'companyNumber'],
      [{ orgIdentifier: 'GB-CHC-1' }, 'orgIdentifier'],
    ];
    for (const [overrides, field] of bad) {
      const res = await applicant.client.post('/api/v1/organisations', {
        ...organisationJson(),
        ...overrides,
      });
      expect({ overrides, status: res.status, code: res.json().code }).toEqual({
        overrides,
        status: 422,
        code: 'validation_failed',
      });
      expect({
        overrides,
        fields: res.json().errors.map((e: { field: string }) => e.field),
      }).toEqual({ overrides, fields: expect.arrayContaining([field]) });
    }
    const missing = await applicant.client.post('/api/v1/organisations', {
      name: 'Winterton Youth Club',
    });
    expect(missing.status).toBe(422);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['type', 'addressLine1', 'postcode', 'contactEmail']),
    );
    expect((await applicant.client.get('/api/v1/organisations')).json().organisations).toEqual([]);

    const cic = await applicant.client.post('/api/v1/organisations', {
      ...organisationJson({
        name: 'Bridlington Community Kitchen CIC',
        type: 'cic',
        charityNumber: '',
        companyNumber: '1234567',
        postcode: 'yo15 3ah',
        town: 'Bridlington',
      }),
    });
    expect(cic.status).toBe(201);
    expect(cic.json()).toMatchObject({
      companyNumber: '01234567',
      orgIdentifier: 'GB-COH-01234567',
      postcode: 'YO15 3AH',
      charityNumber: null,
    });

    // PUT replaces the whole profile; optional numbers left out are cleared.
    const {
      charityNumber: _c,
      companyNumber: _n,
      addressLine2: _a,
      ...required
    } = organisationJson({
      name: 'Bridlington Community Kitchen',
      type: 'community-group',
    });
    const put = await applicant.client.request('PUT', `/api/v1/organisations/${cic.json().id}`, {
      json: required,
    });
    expect(put.status).toBe(200);
    expect(put.json()).toMatchObject({
      name: 'Bridlington Community Kitchen',
      type: 'community-group',
      companyNumber: null,
      orgIdentifier: null,
    });
    const row = await ctx.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ id: cic.json().id });
    expect(row.name).toBe('Bridlington Community Kitchen');
  });

  it('invites a colleague by email, who joins only by accepting the invitation', async () => {
    const { applicant, organisation, draft } = await readyDraft();
    const colleagueEmail = newApplicantEmail('colleague');
    const invited = await applicant.client.post(
      `/api/v1/organisations/${organisation.id}/invites`,
      { email: colleagueEmail },
    );
    expect(invited.status).toBe(202);
    const again = await applicant.client.post(`/api/v1/organisations/${organisation.id}/invites`, {
      email: colleagueEmail.toUpperCase(),
    });
    expect(again.status).toBe(202);
    expect(again.json()).toEqual(invited.json());
    const [mail] = await waitForMail(sink, colleagueEmail, (m) => !isSignInMail(m));
    expect(mail.text).toContain(organisation.name);
    expect(mail.text).toContain('accept the invitation');
    expect(mail.text).toMatch(/You can accept until \d{1,2} [A-Z][a-z]+ \d{4} at \S+\./);
    expect(mail.text).toContain('/sign-in?next=%2Forganisations');
    expectRefused(
      await applicant.client.post(`/api/v1/organisations/${organisation.id}/invites`, {
        email: 'nope',
      }),
      422,
      'validation_failed',
      'email',
    );
    const [open] = (
      await applicant.client.get(`/api/v1/organisations/${organisation.id}/members`)
    ).json().invites;
    expect(open).toEqual({
      id: expect.any(String),
      email: colleagueEmail,
      invitedAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(Date.parse(open.expiresAt) - Date.parse(open.invitedAt)).toBe(14 * 24 * 3600 * 1000);

    // Signed in with the address, but not a member until they accept.
    const colleague = await signInByApi(server.baseUrl, sink, colleagueEmail);
    expect((await colleague.client.get('/api/v1/organisations')).json().organisations).toEqual([]);
    expect((await colleague.client.get('/api/v1/applications')).json().applications).toEqual([]);
    expectRefused(
      await colleague.client.get(`/api/v1/applications/${draft.id}`),
      404,
      'application_not_found',
    );
    const invitations = await colleague.client.get('/api/v1/organisations/invitations');
    expect(invitations.status).toBe(200);
    expect(invitations.json()).toEqual({
      invitations: [
        {
          id: open.id,
          organisationId: organisation.id,
          organisationName: organisation.name,
          invitedBy: applicant.email,
          invitedAt: open.invitedAt,
          expiresAt: open.expiresAt,
        },
      ],
    });
    // Only the address it was sent to can answer it.
    expectRefused(
      await applicant.client.post(`/api/v1/organisations/invitations/${open.id}/accept`),
      404,
      'invitation_not_found',
    );

    const accepted = await colleague.client.post(
      `/api/v1/organisations/invitations/${open.id}/accept`,
    );
    expect(accepted.status).toBe(200);
    expect(accepted.json()).toMatchObject({ id: organisation.id, name: organisation.name });
    expectRefused(
      await colleague.client.post(`/api/v1/organisations/invitations/${open.id}/accept`),
      409,
      'invitation_already_answered',
    );
    expect(
      (await colleague.client.get('/api/v1/organisations/invitations')).json().invitations,
    ).toEqual([]);
    expect(
      (await colleague.client.get('/api/v1/organisations'))
        .json()
        .organisations.map((o: { id: string }) => o.id),
    ).toEqual([organisation.id]);
    expect(
      (await colleague.client.get('/api/v1/applications'))
        .json()
        .applications.map((a: { id: string }) => a.id),
    ).toEqual([draft.id]);
    expect(
      (
        await colleague.client.patch(`/api/v1/applications/${draft.id}`, {
          outcomes: 'Fewer callouts to the park.',
        })
      ).status,
    ).toBe(200);
    const members = (
      await applicant.client.get(`/api/v1/organisations/${organisation.id}/members`)
    ).json();
    expect(members.members.map((m: { email: string }) => m.email).sort()).toEqual(
      [applicant.email, colleagueEmail].sort(),
    );
    expect(members.invites).toEqual([]);
  });

  it('declines, withdraws and refuses expired invitations, each with its code', async () => {
    const chair = await signIn('chair');
    const organisation = await createOrganisationByApi(chair, {
      name: 'Bridlington South Residents Association',
      type: 'community-group',
      charityNumber: '',
      town: 'Bridlington',
      postcode: 'YO15 3AH',
    });
    const inviteTo = async (email: string) => {
      const res = await chair.client.post(`/api/v1/organisations/${organisation.id}/invites`, {
        email,
      });
      expect(res.status).toBe(202);
      const { invites } = (
        await chair.client.get(`/api/v1/organisations/${organisation.id}/members`)
      ).json();
      return invites.find((i: { email: string }) => i.email === email).id as string;
    };
    const invitationsOf = async (person: ApiApplicant) =>
      (await person.client.get('/api/v1/organisations/invitations')).json().invitations;

    // Declined: answered once; a member may invite again, which sends one new email.
    const decliner = await signIn('decliner');
    const declined = await inviteTo(decliner.email);
    expect(
      (await decliner.client.post(`/api/v1/organisations/invitations/${declined}/decline`)).status,
    ).toBe(204);
    expect(await invitationsOf(decliner)).toEqual([]);
    expectRefused(
      await decliner.client.post(`/api/v1/organisations/invitations/${declined}/accept`),
      409,
      'invitation_already_answered',
    );
    expect(await inviteTo(decliner.email)).toBe(declined);
    await waitForMail(sink, decliner.email, (m) => !isSignInMail(m), 2);
    expect(await invitationsOf(decliner)).toHaveLength(1);

    // Withdrawn by a member: it can no longer be accepted.
    const later = await signIn('later');
    const withdrawn = await inviteTo(later.email);
    const revoke = (id: string) =>
      chair.client.request('DELETE', `/api/v1/organisations/${organisation.id}/invites/${id}`);
    expect((await revoke(withdrawn)).status).toBe(204);
    expectRefused(await revoke(withdrawn), 409, 'invitation_already_answered');
    expect(await invitationsOf(later)).toEqual([]);
    expectRefused(
      await later.client.post(`/api/v1/organisations/invitations/${withdrawn}/accept`),
      410,
      'invitation_withdrawn',
    );
    expect(
      (await chair.client.get(`/api/v1/organisations/${organisation.id}/members`))
        .json()
        .invites.map((i: { email: string }) => i.email),
    ).toEqual([decliner.email]);

    // Expired: refused with its own code, whoever tries.
    const slow = await signIn('slow');
    const expired = await inviteTo(slow.email);
    await ctx.dataSource.query(
      `UPDATE organisation_invites SET expires_at = now() - interval '1 day' WHERE id = $1`,
      [expired],
    );
    expect(await invitationsOf(slow)).toEqual([]);
    const refused = await slow.client.post(`/api/v1/organisations/invitations/${expired}/accept`);
    expectRefused(refused, 410, 'invitation_expired');
    expect(refused.json().message).toContain('invite you again');
    expectRefused(await revoke(expired), 410, 'invitation_expired');
    expect((await slow.client.get('/api/v1/organisations')).json().organisations).toEqual([]);
  });

  it('publishes every applicant and appraisal route in the OpenAPI document', async () => {
    const doc = (await new HttpClient(server.baseUrl).get('/api/docs-json')).json();
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/email-code',
        '/api/v1/auth/email-code/verify',
        '/api/v1/auth/applicant-logout',
        '/api/v1/organisations',
        '/api/v1/organisations/{id}',
        '/api/v1/organisations/{id}/members',
        '/api/v1/organisations/{id}/invites',
        '/api/v1/organisations/{id}/invites/{inviteId}',
        '/api/v1/organisations/invitations',
        '/api/v1/organisations/invitations/{inviteId}/accept',
        '/api/v1/organisations/invitations/{inviteId}/decline',
        '/api/v1/applications',
        '/api/v1/applications/{id}',
        '/api/v1/applications/{id}/submit',
        '/api/v1/applications/{id}/withdraw',
        '/api/v1/applications/{id}/messages',
        '/api/v1/staff/applications',
        '/api/v1/staff/applications/{id}',
        '/api/v1/staff/applications/{id}/appraisal',
        '/api/v1/staff/applications/{id}/reopen',
        '/api/v1/staff/rounds/{roundId}/application-counts',
        '/api/v1/staff/rounds/{roundId}/applications.csv',
      ]),
    );
    const patch = doc.paths['/api/v1/applications/{id}'].patch;
    expect(patch.tags).toEqual(['applications']);
    expect(patch.description).toContain('whole pence');
    const schema = doc.components.schemas.UpdateAnswersDto.properties;
    expect(schema.projectTitle.maxLength).toBe(120);
    expect(schema.amountRequestedPence.example).toBe(1500000);
    expect(doc.components.schemas.ApplicationResponseDto).toBeDefined();
    expect(
      doc.components.schemas.StaffApplicationResponseDto.properties.eligibilityChecks,
    ).toBeDefined();
    expect(
      doc.components.schemas.ApplicationResponseDto.properties.eligibilityChecks,
    ).toBeUndefined();
    expect(
      JSON.stringify(doc.components.schemas.StaffApplicationResponseDto.properties.organisation),
    ).toContain('OrganisationResponseDto');
    const csv = doc.paths['/api/v1/staff/rounds/{roundId}/applications.csv'].get;
    expect(csv.responses['200'].content).toHaveProperty('text/csv');
    expect(doc.paths['/api/v1/auth/email-code'].post.security).toBeUndefined();
    expect(doc.paths['/api/v1/applications'].get.security).toEqual([{ bearer: [] }]);
    const accept = doc.paths['/api/v1/organisations/invitations/{inviteId}/accept'].post;
    expect(Object.keys(accept.responses).sort()).toEqual(['200', '404', '409', '410']);
    expect(
      doc.paths['/api/v1/organisations/{id}/invites/{inviteId}'].delete.responses['204'],
    ).toBeDefined();
    expect(doc.components.schemas.InvitationResponseDto.properties.expiresAt).toBeDefined();
  });
});
