import { GrantRound } from '@grants/funds';
import { describeSelection, queueLink, readQueueQuery } from './queue-filter';

const WINTERTON = '5b1e0c1e-9a43-4b1a-8d53-3a0d1f0b0a01';
const BRIDLINGTON = '5b1e0c1e-9a43-4b1a-8d53-3a0d1f0b0a02';
const PILOT = {
  id: '2f0c7f3e-8f57-4f0e-9a55-0a4f4b7a5c11',
  title: 'Community Response Fund pilot',
  areas: [
    { id: WINTERTON, name: 'Winterton' },
    { id: BRIDLINGTON, name: 'Bridlington South' },
  ],
} as unknown as GrantRound;
const ROUNDS = [PILOT];

describe('the queue filter', () => {
  it('shows applications awaiting appraisal from every round by default', () => {
    const selection = readQueueQuery({}, ROUNDS);
    expect(selection.filter).toEqual({ status: 'submitted' });
    expect(selection.notices).toEqual([]);
    expect(describeSelection(selection)).toBe(' awaiting appraisal');
  });

  it('filters by a round, one of its areas and a status', () => {
    const selection = readQueueQuery(
      { round: PILOT.id, area: BRIDLINGTON, status: 'eligible' },
      ROUNDS,
    );
    expect(selection.filter).toEqual({
      roundId: PILOT.id,
      areaId: BRIDLINGTON,
      status: 'eligible',
    });
    expect(describeSelection(selection)).toBe(
      ' marked eligible in Community Response Fund pilot, Bridlington South',
    );
  });

  it('shows every status but draft for "all"', () => {
    const selection = readQueueQuery({ status: 'all' }, ROUNDS);
    expect(selection.filter).toEqual({});
    expect(selection.status).toBe('all');
    expect(describeSelection(selection)).toBe('');
  });

  it.each([
    [{ round: 'not-a-uuid' }, 'The round in the link was not found'],
    [{ round: '7d1f9c52-0000-4000-8000-000000000000' }, 'The round in the link was not found'],
    [{ area: WINTERTON }, 'Choose a round before an area'],
    [{ status: 'draft' }, 'The status in the link is not one the list can show'],
    [{ status: 'approved' }, 'The status in the link is not one the list can show'],
  ])('ignores %j, saying so', (query, notice) => {
    const selection = readQueueQuery(query, ROUNDS);
    expect(selection.notices).toEqual([expect.stringContaining(notice)]);
    expect(selection.filter.status).toBe('submitted');
    expect(selection.filter.areaId).toBeUndefined();
  });

  it('drops an area of another round quietly: the round select was changed', () => {
    const selection = readQueueQuery({ round: PILOT.id, area: 'nope' }, ROUNDS);
    expect(selection.filter).toEqual({ roundId: PILOT.id, status: 'submitted' });
    expect(selection.notices).toEqual([]);
  });

  it('reads the first of a repeated value and nothing from odd shapes', () => {
    expect(readQueueQuery({ status: ['eligible', 'ineligible'] }, ROUNDS).filter).toEqual({
      status: 'eligible',
    });
    expect(readQueueQuery({ round: { $ne: 1 } }, ROUNDS).filter).toEqual({ status: 'submitted' });
    expect(readQueueQuery('round=x', ROUNDS).filter).toEqual({ status: 'submitted' });
  });

  it('builds links to the queue', () => {
    expect(queueLink({})).toBe('/staff/applications');
    expect(queueLink({ roundId: PILOT.id, areaId: '', status: 'all' })).toBe(
      `/staff/applications?round=${PILOT.id}&status=all`,
    );
  });
});
