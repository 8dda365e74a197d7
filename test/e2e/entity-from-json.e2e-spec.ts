import {
  Application,
  ApplicationBudgetLine,
  ApplicationsService,
  AppraisalService,
  loadApplication,
} from '@grants/applications';
import { entityFromJson, hashToken, InvalidAmountError } from '@grants/core';
import { IndicatorValue } from '@grants/allocations';
import { Fund, GrantRound, RoundArea } from '@grants/funds';
import { Applicant, ApplicantAuthService, ApplicantSession } from '@grants/identity';
import { Organisation } from '@grants/organisations';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
  lastSignInCode,
} from '../factories/application.factory';
import { CSF, createFund } from '../factories/round.factory';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * The application loader and the applicant session lookup read each table as `to_jsonb` and map
 * it with entityFromJson. They must give exactly what TypeORM's own find gave: the same values,
 * of the same types (Date, YYYY-MM-DD, pence as numbers), in the same order, as the same classes.
 */
describe('entities from JSON rows match TypeORM finds (real database)', () => {
  let ctx: TestContext;
  let applicant: Applicant;
  let organisation: Organisation;
  let rich: Application;
  let bare: Application;
  let areaRound: GrantRound;

  /** What loadApplication did before: TypeORM's find, with the relations and order it used. */
  async function typeormFind(manager: EntityManager, id: string): Promise<Application> {
    const found = await manager.find(Application, {
      where: { id },
      relations: {
        round: { fund: true, areas: true },
        organisation: true,
        budgetLines: true,
        area: true,
      },
      order: { budgetLines: { position: 'ASC' }, round: { areas: { position: 'ASC' } } },
    });
    expect(found).toHaveLength(1);
    return found[0];
  }

  function expectClassesAndTypes(application: Application) {
    expect(application).toBeInstanceOf(Application);
    expect(application.round).toBeInstanceOf(GrantRound);
    expect(application.round.fund).toBeInstanceOf(Fund);
    expect(application.organisation).toBeInstanceOf(Organisation);
    for (const area of application.round.areas) expect(area).toBeInstanceOf(RoundArea);
    if (application.area) expect(application.area).toBeInstanceOf(RoundArea);
    for (const line of application.budgetLines) {
      expect(line).toBeInstanceOf(ApplicationBudgetLine);
      expect(typeof line.amountPence).toBe('number');
    }
    for (const date of [
      application.createdAt,
      application.updatedAt,
      application.round.opensAt,
      application.round.closesAt,
      application.round.createdAt,
      application.round.updatedAt,
      application.round.fund.createdAt,
      application.round.fund.updatedAt,
      application.organisation.createdAt,
      application.organisation.updatedAt,
    ])
      expect(date).toBeInstanceOf(Date);
    expect(typeof application.round.minGrantPence).toBe('number');
    expect(typeof application.round.maxGrantPence).toBe('number');
    expect(typeof application.version).toBe('number');
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    applicant = await createApplicant(ctx);
    organisation = await createOrganisation(ctx, applicant, {
      name: 'Rutland Rural Youth Trust',
      charityNumber: '1187654',
      addressLine1: 'Catmose Street',
      town: 'Oakham',
      postcode: 'LE15 6HW',
      contactName: 'Priya Shah',
      contactEmail: 'priya@rutland-youth.org.uk',
    });

    // A Leicestershire round with areas: caps and shortlists on some, not on others.
    areaRound = await createOpenRound(ctx, CSF.slug, {
      code: 'CYP',
      title: 'Children and Young People',
      theme: 'Children and young people',
      planThemes: ['Curbing violent crime', 'Partnerships', 'Rural policing', 'Victims of crime'],
      areas: [
        {
          name: 'Charnwood',
          focusIssue: 'Anti-social behaviour in Loughborough town centre',
          budgetCapPence: 1_000_000,
          shortlistSize: 3,
        },
        {
          name: 'Melton',
          focusIssue: 'Rural crime and thefts from farms',
          budgetCapPence: null,
          shortlistSize: null,
        },
        {
          name: 'Rutland',
          focusIssue: 'Young people at risk of exploitation',
          budgetCapPence: 750_050,
          shortlistSize: null,
        },
        {
          name: 'Hinckley and Bosworth',
          focusIssue: 'Violence in the night-time economy',
          budgetCapPence: null,
          shortlistSize: 2,
        },
      ],
    });
    const rutland = areaRound.areas.find((a) => a.name === 'Rutland')!;
    // Positions reversed in one statement: the rows stay in insertion order on disk, so the
    // order the loader gives comes from its ORDER BY, not from the heap.
    await ctx.dataSource.query(
      `UPDATE round_areas SET position = 3 - position WHERE round_id = $1`,
      [areaRound.id],
    );
    // The largest exact whole number of pence: still exact through JSON.
    await ctx.dataSource.query(
      `UPDATE round_areas SET budget_cap_pence = 9007199254740991 WHERE round_id = $1 AND name = 'Hinckley and Bosworth'`,
      [areaRound.id],
    );

    const draft = await createCompleteDraft(ctx, applicant, organisation.id, areaRound, {
      areaId: rutland.id,
      planThemes: ['Rural policing', 'Partnerships'],
      beneficiaryAgeGroups: ['11-17', '18-24'],
      amountRequestedPence: 704_033,
      budgetLines: [
        { item: 'Detached youth workers', amountPence: 500_000 },
        { item: 'Minibus hire', amountPence: 150_000 },
        { item: 'Venue hire in Oakham', amountPence: 54_033 },
      ],
      startDate: '2027-03-29',
    });
    await ctx.get(ApplicationsService).submit(applicant, draft.id);
    await ctx.get(AppraisalService).appraise(
      draft.id,
      {
        confirmed: areaRound.appraisalChecklist.slice(0, 2),
        outcome: 'more-information',
        reason: 'Please send your safeguarding policy.',
      },
      { type: 'staff', id: randomUUID(), label: 'grants.officer@leics.pcc.police.uk' },
    );
    await ctx.dataSource.query(
      `UPDATE application_budget_lines SET position = 2 - position WHERE application_id = $1`,
      [draft.id],
    );
    // Microseconds (JavaScript keeps milliseconds) and offsets other than UTC.
    await ctx.dataSource.query(
      `UPDATE applications SET first_submitted_at = '2022-10-24 16:59:59.999999+01',
              submitted_at = '2022-10-24 15:59:59.000500+00',
              appraised_at = '2022-11-07 14:30:15.123456+00',
              withdrawn_at = '2022-12-01 00:00:00+00'
        WHERE id = $1`,
      [draft.id],
    );
    rich = await typeormFind(ctx.dataSource.manager, draft.id);

    // A round without areas and an application just started: no area, no lines, defaults.
    const plainRound = await createOpenRound(ctx, CSF.slug, {
      code: 'VWD',
      title: 'Victims and witnesses affected by criminal justice delays',
      theme: 'Victims and witnesses',
      maxGrantPence: 1_000_000,
    });
    const started = await ctx
      .get(ApplicationsService)
      .start(applicant, plainRound.id, organisation.id);
    bare = await typeormFind(ctx.dataSource.manager, started.id);
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('loads a full application exactly as the TypeORM find did', async () => {
    const loaded = await loadApplication(ctx.dataSource.manager, rich.id);
    expect(loaded).toEqual(rich);
    expect(loaded).toStrictEqual(rich);
    expectClassesAndTypes(loaded);

    // The data is what the test set up, so the comparison above is not of two empty shells.
    expect(loaded.status).toBe('more-information');
    expect(loaded.reference).toMatch(/^CSF-\d{4}-CYP-0001$/);
    expect(loaded.sequence).toBe(1);
    expect(loaded.area).toMatchObject({ name: 'Rutland', budgetCapPence: 750_050 });
    expect(loaded.areaId).toBe(loaded.area!.id);
    expect(loaded.round.fund.code).toBe('CSF');
    expect(
      loaded.round.areas.map((a) => [a.position, a.name, a.budgetCapPence, a.shortlistSize]),
    ).toEqual([
      [0, 'Hinckley and Bosworth', 9_007_199_254_740_991, 2],
      [1, 'Rutland', 750_050, null],
      [2, 'Melton', null, null],
      [3, 'Charnwood', 1_000_000, 3],
    ]);
    expect(loaded.budgetLines.map((l) => [l.position, l.item, l.amountPence])).toEqual([
      [0, 'Venue hire in Oakham', 54_033],
      [1, 'Minibus hire', 150_000],
      [2, 'Detached youth workers', 500_000],
    ]);
    expect(loaded.amountRequestedPence).toBe(704_033);
    expect(loaded.planThemes).toEqual(['Rural policing', 'Partnerships']);
    expect(loaded.beneficiaryAgeGroups).toEqual(['11-17', '18-24']);
    expect(loaded.round.planThemes).toEqual([
      'Curbing violent crime',
      'Partnerships',
      'Rural policing',
      'Victims of crime',
    ]);
    expect(loaded.round.eligibleOrganisationTypes).toContain('charity');
    expect(loaded.startDate).toBe('2027-03-29');
    expect(loaded.eligibilityChecks.length).toBeGreaterThan(0);
    expect(loaded.eligibilityChecks[0]).toEqual(
      expect.objectContaining({ key: expect.any(String), passed: expect.any(Boolean) }),
    );
    // jsonb keeps its own key order: compared as an object, not as a list.
    expect(loaded.appraisalChecklist).toEqual(
      Object.fromEntries(areaRound.appraisalChecklist.map((item, i) => [item, i < 2])),
    );
    expect(loaded.outcomeReason).toBe('Please send your safeguarding policy.');
    expect(loaded.appraisedById).toEqual(expect.any(String));
    expect(loaded.firstSubmittedAt).toEqual(new Date('2022-10-24T15:59:59.999Z'));
    expect(loaded.submittedAt).toEqual(new Date('2022-10-24T15:59:59.000Z'));
    expect(loaded.appraisedAt).toEqual(new Date('2022-11-07T14:30:15.123Z'));
    expect(loaded.withdrawnAt).toEqual(new Date('2022-12-01T00:00:00.000Z'));
    expect(loaded.version).toBeGreaterThan(1);
  });

  it('loads a bare draft (no area, no budget lines, round without areas) as the find did', async () => {
    const loaded = await loadApplication(ctx.dataSource.manager, bare.id);
    expect(loaded).toEqual(bare);
    expect(loaded).toStrictEqual(bare);
    expectClassesAndTypes(loaded);
    expect(loaded).toMatchObject({
      status: 'draft',
      reference: null,
      sequence: null,
      areaId: null,
      area: null,
      amountRequestedPence: null,
      startDate: null,
      durationMonths: null,
      beneficiaryCount: null,
      planThemes: [],
      beneficiaryAgeGroups: [],
      eligibilityChecks: [],
      appraisalChecklist: {},
      budgetLines: [],
      firstSubmittedAt: null,
      submittedAt: null,
      appraisedAt: null,
      withdrawnAt: null,
      declarationTrue: false,
      version: 1,
    });
    expect(loaded.round.areas).toEqual([]);
  });

  it('would notice a wrong value: a changed pence, date or order fails the comparison', async () => {
    const loaded = await loadApplication(ctx.dataSource.manager, rich.id);
    const alter = (change: (a: Application) => void) => {
      const copy = structuredClone(loaded);
      change(copy);
      return copy;
    };
    expect(alter(() => undefined)).toEqual(rich);
    // toStrictEqual also tells the classes apart: plain objects with the same values fail it.
    expect(() => expect(alter(() => undefined)).toStrictEqual(rich)).toThrow();
    for (const wrong of [
      alter((a) => (a.budgetLines[0].amountPence += 1)),
      alter((a) => (a.budgetLines = [...a.budgetLines].reverse())),
      alter((a) => (a.round.areas = [...a.round.areas].reverse())),
      alter((a) => (a.firstSubmittedAt = new Date(a.firstSubmittedAt!.getTime() + 1))),
      alter((a) => ((a as { startDate: unknown }).startDate = new Date('2027-03-29'))),
      alter((a) => ((a as { amountRequestedPence: unknown }).amountRequestedPence = '704033')),
      alter((a) => (a.round.areas[0].budgetCapPence = 9_007_199_254_740_990)),
      alter((a) => (a.area = null)),
    ])
      expect(() => expect(wrong).toEqual(rich)).toThrow();
  });

  it('loads for a member of the organisation, not for anyone else, and under a lock', async () => {
    const manager = ctx.dataSource.manager;
    await expect(loadApplication(manager, rich.id, { memberId: applicant.id })).resolves.toEqual(
      rich,
    );
    await expect(loadApplication(manager, bare.id, { memberId: applicant.id })).resolves.toEqual(
      bare,
    );
    const outsider = await createApplicant(ctx);
    await expect(
      loadApplication(manager, rich.id, { memberId: outsider.id }),
    ).rejects.toMatchObject({ code: 'application_not_found' });
    await expect(loadApplication(manager, randomUUID())).rejects.toMatchObject({
      code: 'application_not_found',
    });
    await expect(loadApplication(manager, 'not-a-uuid')).rejects.toMatchObject({
      code: 'application_not_found',
    });

    const locked = await ctx.dataSource.transaction(async (tx) => {
      const loaded = await loadApplication(tx, rich.id, { lock: true });
      // The row is locked by this transaction: another connection cannot take it now.
      await expect(
        ctx.dataSource.query(`SELECT id FROM applications WHERE id = $1 FOR UPDATE NOWAIT`, [
          rich.id,
        ]),
      ).rejects.toMatchObject({ driverError: { code: '55P03' } });
      return loaded;
    });
    expect(locked).toStrictEqual(rich);
    await expect(
      ctx.dataSource.transaction((tx) =>
        loadApplication(tx, rich.id, { lock: true, memberId: outsider.id }),
      ),
    ).rejects.toMatchObject({ code: 'application_not_found' });
    await expect(
      ctx.dataSource.transaction((tx) => loadApplication(tx, randomUUID(), { lock: true })),
    ).rejects.toMatchObject({ code: 'application_not_found' });
  });

  it('finds an applicant session as the TypeORM find with its applicant did', async () => {
    const auth = ctx.get(ApplicantAuthService);
    const email = 'priya@rutland-youth.org.uk';
    const { requestId } = await auth.requestCode(email);
    const { token } = await auth.verifyCode(
      requestId,
      await lastSignInCode(ctx.dataSource, email),
      'cookie',
    );
    expect(token.startsWith('ap.')).toBe(true);
    const [reference] = await ctx.dataSource.manager.find(ApplicantSession, {
      where: { tokenHash: hashToken(token) },
      relations: { applicant: true },
    });

    const found = await auth.findSession(token);
    expect(found).not.toBeNull();
    expect(found!.session).toEqual(reference);
    expect(found!.session).toStrictEqual(reference);
    expect(found!.applicant).toStrictEqual(reference.applicant);
    expect(found!.session).toBeInstanceOf(ApplicantSession);
    expect(found!.applicant).toBeInstanceOf(Applicant);
    expect(found!.session.createdAt).toBeInstanceOf(Date);
    expect(found!.session.expiresAt).toBeInstanceOf(Date);
    expect(found!.session.revokedAt).toBeNull();
    expect(found!.applicant.lastSignedInAt).toBeInstanceOf(Date);
    expect(found!.applicant.email).toBe(email);
    await expect(auth.findSession(token, 'cookie')).resolves.not.toBeNull();
    await expect(auth.findSession(token, 'bearer')).resolves.toBeNull();

    await auth.signOut(token);
    await expect(auth.findSession(token)).resolves.toBeNull();
  });

  it('refuses a stored amount beyond exact whole pence rather than rounding it', () => {
    const row = {
      id: randomUUID(),
      round_id: randomUUID(),
      name: 'Rutland',
      focus_issue: 'Young people at risk of exploitation',
      shortlist_size: null,
      position: 0,
    };
    // As node-postgres parses to_jsonb: JSON numbers, this one past 2^53.
    const unsafe = JSON.parse('{"budget_cap_pence": 9007199254740993}') as {
      budget_cap_pence: number;
    };
    expect(() => entityFromJson(ctx.dataSource, RoundArea, { ...row, ...unsafe })).toThrow(
      'RoundArea.budgetCapPence holds 9007199254740992, past what JSON reads exactly',
    );
    expect(() =>
      entityFromJson(ctx.dataSource, RoundArea, { ...row, budget_cap_pence: 2 ** 53 }),
    ).toThrow('past what JSON reads exactly');
    expect(
      entityFromJson(ctx.dataSource, RoundArea, {
        ...row,
        budget_cap_pence: Number.MAX_SAFE_INTEGER,
      }).budgetCapPence,
    ).toBe(Number.MAX_SAFE_INTEGER);
    expect(
      entityFromJson(ctx.dataSource, RoundArea, { ...row, budget_cap_pence: null }).budgetCapPence,
    ).toBeNull();
  });

  it('refuses a numeric column, whose scale and digits JSON would lose', () => {
    expect(() =>
      entityFromJson(ctx.dataSource, IndicatorValue, { id: randomUUID(), value: 23.4 }),
    ).toThrow('IndicatorValue.value is numeric: JSON would not read it exactly (read it as text)');
    // Refused whatever the row holds, so an empty column cannot hide it until a value arrives.
    expect(() =>
      entityFromJson(ctx.dataSource, IndicatorValue, { id: randomUUID(), value: null }),
    ).toThrow('IndicatorValue.value is numeric');
  });

  it('refuses an unsafe stored amount through the loader, as the find does', async () => {
    const round = await createOpenRound(ctx, CSF.slug, {
      code: 'VAWG',
      title: 'Violence against Women and Girls',
      theme: 'Violence against women and girls',
      areas: [
        {
          name: 'Oadby and Wigston',
          focusIssue: 'Safety on routes home at night',
          budgetCapPence: 500_000,
          shortlistSize: null,
        },
      ],
    });
    const started = await ctx.get(ApplicationsService).start(applicant, round.id, organisation.id);
    await ctx.dataSource.query(
      `UPDATE round_areas SET budget_cap_pence = 9007199254740993 WHERE round_id = $1`,
      [round.id],
    );
    await expect(typeormFind(ctx.dataSource.manager, started.id)).rejects.toThrow(
      InvalidAmountError,
    );
    await expect(loadApplication(ctx.dataSource.manager, started.id)).rejects.toThrow(
      'past what JSON reads exactly',
    );
  });
});
