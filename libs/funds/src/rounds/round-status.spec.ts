import { assertRoundTransition, ROUND_STATUSES, ROUND_TRANSITIONS } from './round-status';

describe('round transitions', () => {
  it('allows the lifecycle draft -> scheduled -> open -> closed', () => {
    expect(() => assertRoundTransition('draft', 'scheduled')).not.toThrow();
    expect(() => assertRoundTransition('scheduled', 'open')).not.toThrow();
    expect(() => assertRoundTransition('open', 'closed')).not.toThrow();
  });

  it('lets a scheduled round go back to draft for changes', () =>
    expect(() => assertRoundTransition('scheduled', 'draft')).not.toThrow());

  it.each([
    ['draft', 'open'],
    ['open', 'draft'],
    ['closed', 'open'],
    ['open', 'scheduled'],
  ] as const)('refuses %s -> %s', (from, to) =>
    expect(() => assertRoundTransition(from, to)).toThrow(/cannot go from/),
  );

  it('has a row for every status', () =>
    expect(Object.keys(ROUND_TRANSITIONS).sort()).toEqual([...ROUND_STATUSES].sort()));
});
