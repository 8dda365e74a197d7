import {
  ApplicationAnswers,
  checkAnswers,
  runEligibilityChecks,
  submissionProblems,
} from '@grants/applications';
import {
  assessorPercentage,
  DEFAULT_RUBRIC,
  meanPercentage,
  meetsThreshold,
  spreadBasisPoints,
} from '@grants/assessment';
import { OrganisationType, RoundArea, roundRuleErrors, totalBudgetPence } from '@grants/funds';
import { checkOrganisation, orgIdentifier } from '@grants/organisations';
import { parsePostcodeAreas, postcodeInAreas } from '@grants/ballots';
import { answersFor, submittedAt } from './demo-application-seed';
import { DEMO_APPLICATIONS, demoApplications, DemoApplication } from './demo-applications';
import {
  CYP_DECISIONS,
  CYP_RECORD,
  CYP_TIMELINE,
  DemoScoredApplication,
  DIVERSION_SCORING,
  scoreComment,
} from './demo-assessment-plan';
import { DEMO_PASSWORD, DEMO_STAFF, demoRounds, ukDayFromNow } from './demo-data';
import { SECOND_ROUND_CODE } from './demo-vote-applications';
import { PILOT_VOTE, secondRoundVote } from './demo-vote-data';
import { plannedChoices, voteTime } from './demo-voters';
import { BAY_RECOVERY, DEMO_APPLICANT_SIGN_INS, DEMO_ORGANISATIONS } from './demo-organisations';

describe('demo data', () => {
  const now = new Date('2025-11-22T10:00:00Z');
  const rounds = demoRounds(now);
  const byCode = (code: string) => rounds.find((r) => r.input.code === code)!.input;

  it('passes the rules every round is held to', () => {
    for (const round of rounds) expect(roundRuleErrors(round.input)).toEqual([]);
  });

  it('shows every state a round can be in', () => {
    expect(new Set(rounds.map((r) => r.target))).toEqual(
      new Set(['draft', 'scheduled', 'open', 'closed']),
    );
    for (const round of rounds.filter((r) => r.target === 'closed'))
      expect(round.input.closesAt.getTime()).toBeLessThan(now.getTime());
    const open = rounds.find((r) => r.target === 'open')!.input;
    expect(open.opensAt.getTime()).toBeLessThan(now.getTime());
    expect(open.closesAt.getTime()).toBeGreaterThan(now.getTime());
    const scheduled = rounds.find((r) => r.target === 'scheduled')!.input;
    expect(scheduled.opensAt.getTime()).toBeGreaterThan(now.getTime());
  });

  it('keeps the Diversion round figures and its UK deadline (17:00 BST = 16:00 UTC)', () => {
    const div = byCode('DIV');
    expect(totalBudgetPence(div)).toBe(20_403_033);
    expect(div.maxGrantPence).toBe(2_000_000);
    expect([div.minDurationMonths, div.maxDurationMonths]).toEqual([12, 24]);
    expect([div.recommendThresholdBp, div.reserveThresholdBp]).toEqual([7000, 6000]);
    expect(div.closesAt.toISOString()).toBe('2022-10-24T16:00:00.000Z');
  });

  it('keeps the Community Response Fund pilot areas, caps and vote', () => {
    const pilot = byCode('PILOT');
    expect(pilot.areas.map((a) => [a.name, a.budgetCapPence])).toEqual([
      ['Winterton', 1_000_000],
      ['Bridlington South', 1_000_000],
    ]);
    expect(pilot.decisionMethod).toBe('public-vote');
    expect([pilot.shortlistSize, pilot.winnersPerArea]).toEqual([3, 1]);
    expect(pilot.opensAt.toISOString()).toBe('2023-03-09T09:00:00.000Z');
  });

  it('places relative dates on UK wall-clock times across the clock change', () => {
    // 29 March 2026: the clocks go forward; 17:00 that day is 16:00 UTC.
    expect(ukDayFromNow(new Date('2026-03-28T12:00:00Z'), 1, '17:00').toISOString()).toBe(
      '2026-03-29T16:00:00.000Z',
    );
  });

  it('has a staff user for each role, two assessors, and a password the service accepts', () => {
    expect(DEMO_STAFF.flatMap((s) => s.roles).sort()).toEqual([
      'admin',
      'assessor',
      'assessor',
      'decision-maker',
      'finance',
      'grants-officer',
    ]);
    expect(new Set(DEMO_STAFF.map((s) => s.email)).size).toBe(DEMO_STAFF.length);
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(12);
  });
});

describe('demo organisations and applications', () => {
  const now = new Date('2025-11-22T10:00:00Z');
  const rounds = demoRounds(now);

  /** A demo round as the rules see it once saved (areas get ids). */
  const roundRules = (code: string) => {
    const { input } = rounds.find((r) => r.input.code === code)!;
    return {
      ...input,
      areas: input.areas.map((a, i) => ({ ...a, id: `area-${i}` }) as RoundArea),
      oneApplicationPerArea: input.oneApplicationPerArea ?? false,
      eligibleOrganisationTypes: input.eligibleOrganisationTypes as OrganisationType[],
    };
  };
  const organisationOf = (name: string) => DEMO_ORGANISATIONS.find((o) => o.input.name === name)!;
  const answersOf = (spec: DemoApplication): ApplicationAnswers => {
    const round = roundRules(spec.roundCode);
    return {
      projectTitle: spec.projectTitle,
      areaId: null,
      planThemes: [],
      themesExplanation: '',
      projectSummary: '',
      amountRequestedPence: null,
      budgetLines: [],
      startDate: null,
      durationMonths: null,
      outcomes: '',
      outcomeMeasures: '',
      beneficiaryAgeGroups: [],
      beneficiaryCount: null,
      beneficiaryDescription: '',
      declarationTrue: false,
      declarationPolicies: false,
      ...answersFor(spec.answers, round),
    };
  };
  const applications = demoApplications(now);
  const inRound = (code: string) => applications.filter((a) => a.roundCode === code);
  const outcomes = (code: string) => inRound(code).map((a) => a.outcome);

  it('has organisations whose profiles pass the rules, with their numbers normalised', () => {
    for (const { input } of DEMO_ORGANISATIONS)
      expect({ name: input.name, errors: checkOrganisation(input).errors }).toEqual({
        name: input.name,
        errors: [],
      });
    const cic = checkOrganisation(organisationOf(BAY_RECOVERY).input).profile!;
    expect(cic.companyNumber).toBe('09876543');
    expect(orgIdentifier(cic)).toBe('GB-COH-09876543');
    expect(new Set(DEMO_ORGANISATIONS.map((o) => o.input.type)).size).toBeGreaterThanOrEqual(6);
  });

  it('gives every organisation an example.org.uk member, and one organisation two', () => {
    for (const org of DEMO_ORGANISATIONS) {
      expect(org.members.length).toBeGreaterThan(0);
      for (const email of org.members) expect(email).toMatch(/^[a-z.]+@example\.org\.uk$/);
    }
    expect(DEMO_ORGANISATIONS.filter((o) => o.members.length === 2)).toHaveLength(1);
    for (const { email } of DEMO_APPLICANT_SIGN_INS)
      expect(DEMO_ORGANISATIONS.some((o) => o.members.includes(email))).toBe(true);
  });

  it('files each application for a demo organisation, by one of its members, once', () => {
    const codes = rounds.map((r) => r.input.code);
    expect(new Set(codes).size).toBe(codes.length);
    const keys = applications.map((a) => `${a.roundCode}/${a.organisation}/${a.projectTitle}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const spec of applications) {
      expect(codes).toContain(spec.roundCode);
      const org = organisationOf(spec.organisation);
      expect(org).toBeDefined();
      if (spec.by) expect(org.members).toContain(spec.by);
    }
  });

  it('shows the open round with an application in every state', () => {
    const open = rounds.find((r) => r.target === 'open')!.input.code;
    expect(new Set(outcomes(open))).toEqual(
      new Set(['draft', 'submitted', 'eligible', 'ineligible', 'more-information', 'withdrawn']),
    );
    expect(outcomes(open).filter((o) => o === 'draft').length).toBeGreaterThanOrEqual(2);
    expect(outcomes(open).filter((o) => o === 'submitted').length).toBeGreaterThanOrEqual(2);
    // One draft is half-filled: some answers, not yet enough to submit.
    const drafts = inRound(open).filter((a) => a.outcome === 'draft');
    expect(
      drafts.some(
        (d) =>
          Object.keys(d.answers).length > 2 &&
          submissionProblems(answersOf(d), roundRules(open)).length > 0,
      ),
    ).toBe(true);
    for (const spec of inRound(open)) expect(spec.submittedAtUk).toBeUndefined();
  });

  it('gives each historic round applications submitted while it was open, in several states', () => {
    for (const { input, assessment } of rounds.filter((r) => r.target === 'closed')) {
      // The decided round's applications were all eligible (and then decided), as were the
      // second Community Response Fund round's (all six shortlisted).
      expect(new Set(outcomes(input.code))).toEqual(
        assessment === 'decided' || input.code === SECOND_ROUND_CODE
          ? new Set(['eligible'])
          : new Set(['eligible', 'ineligible', 'more-information']),
      );
      for (const spec of inRound(input.code)) {
        const at = submittedAt(spec).getTime();
        expect(at).toBeGreaterThanOrEqual(input.opensAt.getTime());
        expect(at).toBeLessThan(input.closesAt.getTime());
      }
    }
    // The last Diversion bid came in twelve minutes before 17:00 BST.
    const last = inRound('DIV')
      .map(submittedAt)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    expect(last.toISOString()).toBe('2022-10-24T15:48:00.000Z');
  });

  it('has answers the round accepts: drafts save, everything else submits', () => {
    for (const spec of applications) {
      const round = roundRules(spec.roundCode);
      const answers = answersOf(spec);
      const saved = { projectTitle: spec.projectTitle, ...answersFor(spec.answers, round) };
      expect({
        spec: spec.projectTitle,
        errors: checkAnswers(saved, round, { complete: true }),
      }).toEqual({ spec: spec.projectTitle, errors: [] });
      if (spec.outcome !== 'draft')
        expect({ spec: spec.projectTitle, errors: submissionProblems(answers, round) }).toEqual({
          spec: spec.projectTitle,
          errors: [],
        });
    }
  });

  it('gives a reason wherever the applicant is told one, and matches the automatic checks', () => {
    for (const spec of applications) {
      const needsReason = ['ineligible', 'more-information', 'withdrawn'].includes(spec.outcome);
      expect(Boolean(spec.reason)).toBe(needsReason);
      if (spec.outcome === 'draft') continue;
      const round = roundRules(spec.roundCode);
      const checks = runEligibilityChecks(round, {
        answers: answersOf(spec),
        organisationType: organisationOf(spec.organisation).input.type,
        submittedAt: spec.submittedAtUk ? submittedAt(spec) : round.opensAt,
        duplicates: [],
      });
      const failed = checks.filter((c) => !c.passed).map((c) => c.key);
      // Ineligible bids here are from organisations the round does not fund; the rest pass.
      expect({ spec: spec.projectTitle, failed }).toEqual({
        spec: spec.projectTitle,
        failed: spec.outcome === 'ineligible' ? ['organisation-type'] : [],
      });
    }
  });

  it('starts projects on the 1st of a month after the round closes, in UK time', () =>
    expect(
      answersFor({ startMonthsAfterClose: 2 }, { areas: [], closesAt: roundRules('DIV').closesAt })
        .startDate,
    ).toBe('2022-12-01'));
});

describe('demo assessment: Diversion in scoring, Children and Young People decided', () => {
  const now = new Date('2025-11-22T10:00:00Z');
  const rounds = demoRounds(now);
  const cyp = rounds.find((r) => r.assessment === 'decided')!.input;
  const criteria = DEFAULT_RUBRIC.map((c, i) => ({ ...c, id: `c${i}` }));
  const percentageOf = (scores: number[]) =>
    assessorPercentage(criteria, new Map(scores.map((s, i) => [`c${i}`, s])));
  /** Submitted assessors' percentages, the mean and the spread, as the service computes them. */
  const scoreOf = (plan: DemoScoredApplication) => {
    const percentages = plan.scorers.filter((s) => s.submit).map((s) => percentageOf(s.scores));
    return { mean: meanPercentage(percentages), spreadBp: spreadBasisPoints(percentages) };
  };
  const requested = (title: string) =>
    DEMO_APPLICATIONS.find((a) => a.roundCode === 'CYP' && a.projectTitle === title)!.answers
      .amountRequestedPence!;

  it('takes Children and Young People from six eligible bids to five awards of £49,049.00', () => {
    expect(cyp.code).toBe('CYP');
    expect(cyp.closesAt.getTime()).toBeLessThan(now.getTime());
    const titles = DEMO_APPLICATIONS.filter((a) => a.roundCode === 'CYP').map(
      (a) => a.projectTitle,
    );
    expect(titles).toHaveLength(6);
    expect(CYP_DECISIONS.map((d) => d.projectTitle).sort()).toEqual([...titles].sort());
    const approved = CYP_DECISIONS.filter((d) => d.decision.outcome === 'approved');
    expect(approved).toHaveLength(5);
    const awarded = approved.map(({ projectTitle, decision }) =>
      decision.outcome === 'approved'
        ? (decision.amountPence ?? requested(projectTitle))
        : Number.NaN,
    );
    expect(awarded.reduce((sum, pence) => sum + pence, 0)).toBe(4_904_900);
  });

  it('decides only what the rules allow: every bid recommended, within budget, amounts reasoned', () => {
    for (const plan of CYP_DECISIONS) {
      const { mean, spreadBp } = scoreOf(plan);
      expect({ plan: plan.projectTitle, recommended: meetsThreshold(mean!, 7000) }).toEqual({
        plan: plan.projectTitle,
        recommended: true,
      });
      expect(spreadBp).toBeLessThanOrEqual(2000);
      const { decision } = plan;
      if (decision.outcome === 'approved' && decision.amountPence !== undefined) {
        expect(decision.amountPence).toBeLessThan(requested(plan.projectTitle));
        expect(decision.amountReason).toBeTruthy();
      }
      if (decision.outcome === 'declined')
        expect([decision.reason, decision.feedback]).toEqual([
          expect.stringMatching(/\S/),
          expect.stringMatching(/\S/),
        ]);
    }
    // The whole package is sent, so it must fit the money available.
    const asked = CYP_DECISIONS.reduce((sum, d) => sum + requested(d.projectTitle), 0);
    expect(asked).toBeLessThanOrEqual(totalBudgetPence(cyp));
    expect(CYP_RECORD.declarations).toBe('None');
    expect(CYP_TIMELINE.recommendationSentAt.getTime()).toBeGreaterThan(cyp.closesAt.getTime());
    expect(CYP_TIMELINE.decidedAt.getTime()).toBeLessThan(CYP_TIMELINE.publishedAt.getTime());
  });

  it('leaves Diversion in scoring with some scores and exactly one moderation flag', () => {
    const div = rounds.find((r) => r.assessment === 'scoring')!.input.code;
    const eligible = DEMO_APPLICATIONS.filter(
      (a) => a.roundCode === div && a.outcome === 'eligible',
    ).map((a) => a.projectTitle);
    for (const plan of DIVERSION_SCORING) expect(eligible).toContain(plan.projectTitle);
    expect(DIVERSION_SCORING.flatMap((p) => p.scorers).some((s) => !s.submit)).toBe(true);
    const flagged = DIVERSION_SCORING.filter((p) => scoreOf(p).spreadBp > 2000);
    expect(flagged.map((p) => p.projectTitle)).toEqual(['Friday night football in Braunstone']);
  });

  it('scores within the rubric, each score with a comment, by the demo assessors', () => {
    const assessors = DEMO_STAFF.filter((s) => s.roles.includes('assessor')).map((s) => s.email);
    for (const plan of [...DIVERSION_SCORING, ...CYP_DECISIONS])
      for (const { assessor, scores, submit } of plan.scorers) {
        expect(assessors).toContain(assessor);
        if (submit) expect(scores).toHaveLength(criteria.length);
        scores.forEach((score, i) => {
          expect(Number.isInteger(score) && score >= 0 && score <= criteria[i].maxScore).toBe(true);
          expect(scoreComment(i, score).length).toBeGreaterThan(10);
        });
      }
  });
});

describe('demo public votes: the pilot decided, the second round voting', () => {
  const now = new Date('2025-11-22T10:00:00Z');
  const rounds = demoRounds(now);
  const applications = demoApplications(now);
  const votes = [PILOT_VOTE, secondRoundVote(now)];
  const roundOf = (code: string) => rounds.find((r) => r.input.code === code)!;

  it('shortlists three eligible bids in each area of both rounds, within the area cap', () => {
    for (const vote of votes) {
      const { input, assessment } = roundOf(vote.roundCode);
      expect(assessment).toBe('vote');
      expect(vote.ballots.map((b) => b.areaName)).toEqual(input.areas.map((a) => a.name));
      for (const ballot of vote.ballots) {
        expect(ballot.shortlist).toHaveLength(3);
        const area = input.areas.find((a) => a.name === ballot.areaName)!;
        for (const entry of ballot.shortlist) {
          const bid = applications.find(
            (a) => a.roundCode === vote.roundCode && a.projectTitle === entry.projectTitle,
          )!;
          expect({ title: entry.projectTitle, outcome: bid?.outcome }).toEqual({
            title: entry.projectTitle,
            outcome: 'eligible',
          });
          expect(bid.answers.areaName).toBe(ballot.areaName);
          expect(bid.answers.amountRequestedPence).toBeLessThanOrEqual(area.budgetCapPence!);
        }
        expect(new Set(ballot.shortlist.map((e) => e.publicTitle)).size).toBe(3);
      }
    }
  });

  it('times each ballot after applications close: the pilot closed, Winterton open now', () => {
    for (const vote of votes) {
      const { input } = roundOf(vote.roundCode);
      for (const ballot of vote.ballots) {
        expect(ballot.opensAt.getTime()).toBeGreaterThan(input.closesAt.getTime());
        expect(ballot.closesAt.getTime()).toBeGreaterThan(ballot.opensAt.getTime());
        // Scheduled (in the past, or when seeding) before it opens, as the service requires.
        expect((ballot.scheduledAt ?? now).getTime()).toBeLessThan(ballot.opensAt.getTime());
        const areas = parsePostcodeAreas(ballot.postcodeAreas) as { areas: string[] };
        for (const postcode of ballot.residentPostcodes)
          expect(postcodeInAreas(postcode, areas.areas)).toBe(true);
      }
    }
    for (const ballot of PILOT_VOTE.ballots)
      expect(ballot.closesAt.getTime()).toBeLessThan(
        PILOT_VOTE.decision!.resultsPublishedAt.getTime(),
      );
    const [winterton, bridlington] = secondRoundVote(now).ballots;
    expect(winterton.opensAt.getTime()).toBeLessThan(now.getTime());
    expect(winterton.closesAt.getTime()).toBeGreaterThan(now.getTime());
    expect(bridlington.opensAt.getTime()).toBeGreaterThan(now.getTime());
    expect(bridlington.shortlist.every((e) => e.votes === 0)).toBe(true);
  });

  it('gives each pilot area one clear winner and no postcode more than 10 votes', () => {
    for (const ballot of PILOT_VOTE.ballots) {
      const counts = ballot.shortlist.map((e) => e.votes).sort((a, b) => b - a);
      expect(counts[0]).toBeGreaterThan(counts[1]);
      const choices = plannedChoices(ballot);
      expect(choices).toHaveLength(counts.reduce((a, b) => a + b, 0));
      expect(Math.ceil(choices.length / ballot.residentPostcodes.length)).toBeLessThanOrEqual(10);
    }
    expect(plannedChoices(secondRoundVote(now).ballots[0])).toHaveLength(6);
  });

  it('spreads the votes between the opening and the last hour, on the minute', () => {
    const { opensAt } = secondRoundVote(now).ballots[0];
    const until = new Date(now.getTime() - 3600_000);
    const times = [0, 1, 2, 3, 4, 5].map((i) => voteTime(opensAt, until, i, 6));
    for (const t of times) {
      expect(t.getTime()).toBeGreaterThanOrEqual(opensAt.getTime());
      expect(t.getTime()).toBeLessThan(until.getTime());
      expect(t.getTime() % 60_000).toBe(0);
    }
    expect([...times].sort((a, b) => a.getTime() - b.getTime())).toEqual(times);
  });
});
