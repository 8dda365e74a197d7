import { InvalidTransitionException } from '@grants/core';
import {
  APPLICATION_STATUSES,
  APPLICATION_STATUS_LABELS,
  APPLICATION_STATUS_TAGS,
  APPLICATION_TRANSITIONS,
  ApplicationStatus,
  assertApplicationTransition,
  canTransition,
  EDITABLE_STATUSES,
} from './application-status';

/** Every change an application's status may make; anything not listed is refused. */
const ALLOWED: [ApplicationStatus, ApplicationStatus][] = [
  ['draft', 'submitted'],
  ['draft', 'withdrawn'],
  ['submitted', 'eligible'],
  ['submitted', 'ineligible'],
  ['submitted', 'more-information'],
  // A grants officer returning it for a correction; the applicant sends it back.
  ['submitted', 'returned'],
  ['returned', 'submitted'],
  ['returned', 'withdrawn'],
  ['submitted', 'withdrawn'],
  // The applicant answering the officer's question.
  ['more-information', 'submitted'],
  ['more-information', 'withdrawn'],
  ['eligible', 'withdrawn'],
  // The decision maker's signed-off decision.
  ['eligible', 'awarded'],
  ['eligible', 'unsuccessful'],
  // A public vote: shortlisted when the ballot is scheduled, then the vote decides.
  ['eligible', 'shortlisted'],
  ['eligible', 'not-shortlisted'],
  ['shortlisted', 'awarded'],
  ['shortlisted', 'unsuccessful'],
];

const allPairs = APPLICATION_STATUSES.flatMap((from) =>
  APPLICATION_STATUSES.map((to) => [from, to] as [ApplicationStatus, ApplicationStatus]),
);
const isAllowed = (from: ApplicationStatus, to: ApplicationStatus) =>
  ALLOWED.some(([f, t]) => f === from && t === to);

describe('application status transitions', () => {
  it('has a row for every status and only known statuses in it', () => {
    expect(Object.keys(APPLICATION_TRANSITIONS).sort()).toEqual([...APPLICATION_STATUSES].sort());
    for (const targets of Object.values(APPLICATION_TRANSITIONS))
      for (const to of targets) expect(APPLICATION_STATUSES).toContain(to);
  });

  it.each(allPairs)('%s -> %s follows the table', (from, to) => {
    expect(canTransition(from, to)).toBe(isAllowed(from, to));
    if (isAllowed(from, to)) expect(() => assertApplicationTransition(from, to)).not.toThrow();
    else expect(() => assertApplicationTransition(from, to)).toThrow(InvalidTransitionException);
  });

  it('can be withdrawn from every state before a decision', () => {
    for (const from of ['draft', 'submitted', 'more-information', 'returned', 'eligible'] as const)
      expect(canTransition(from, 'withdrawn')).toBe(true);
  });

  it('cannot be withdrawn once found ineligible, or withdrawn twice', () => {
    expect(canTransition('ineligible', 'withdrawn')).toBe(false);
    expect(canTransition('withdrawn', 'withdrawn')).toBe(false);
  });

  it('ineligible, withdrawn and the decisions are final', () => {
    expect(APPLICATION_TRANSITIONS.ineligible).toEqual([]);
    expect(APPLICATION_TRANSITIONS.withdrawn).toEqual([]);
    expect(APPLICATION_TRANSITIONS.awarded).toEqual([]);
    expect(APPLICATION_TRANSITIONS.unsuccessful).toEqual([]);
  });

  it('only an eligible or shortlisted application can be decided', () => {
    for (const from of APPLICATION_STATUSES.filter((s) => s !== 'eligible' && s !== 'shortlisted'))
      for (const to of ['awarded', 'unsuccessful'] as const)
        expect(canTransition(from, to)).toBe(false);
  });

  it('a draft cannot skip the appraisal', () => {
    for (const to of ['eligible', 'ineligible', 'more-information'] as const)
      expect(canTransition('draft', to)).toBe(false);
  });

  it('refuses with a 409 that names both states', () => {
    let error: unknown;
    try {
      assertApplicationTransition('ineligible', 'withdrawn');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidTransitionException);
    expect(error).toMatchObject({
      code: 'invalid_transition',
      status: 409,
    });
    // Names both states as people read them (the labels), not as the code spells them.
    const { message } = error as InvalidTransitionException;
    expect(message).toContain(APPLICATION_STATUS_LABELS.ineligible.toLowerCase());
    expect(message).toContain(APPLICATION_STATUS_LABELS.withdrawn.toLowerCase());
  });

  it('lets the applicant change answers only in a draft, when asked for more information, or returned for correction', () =>
    expect([...EDITABLE_STATUSES].sort()).toEqual(['draft', 'more-information', 'returned']));

  it('has a label and a GOV.UK tag colour for every status', () => {
    for (const status of APPLICATION_STATUSES) {
      expect(APPLICATION_STATUS_LABELS[status]).toMatch(/^[A-Z]/);
      expect(APPLICATION_STATUS_TAGS[status]).toMatch(/^govuk-tag--[a-z]+$/);
    }
    expect(APPLICATION_STATUS_LABELS['more-information']).toBe('More information needed');
    expect(APPLICATION_STATUS_LABELS.ineligible).toBe('Not eligible');
  });
});
