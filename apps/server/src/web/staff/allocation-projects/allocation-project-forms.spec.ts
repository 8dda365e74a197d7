import { parseApproveForm, parseReleaseForm } from './allocation-project-forms';

const HULL = '11111111-1111-4111-8111-111111111111';
const EAST_RIDING = '22222222-2222-4222-8222-222222222222';

describe('the approval form', () => {
  it('reads pounds as whole pence and keeps the note as typed', () => {
    const parsed = parseApproveForm({ amount: ' £20,000.50 ', note: ' Camera only ' });
    expect(parsed.amountPence).toBe(2_000_050);
    expect(parsed.values).toEqual({ amount: '£20,000.50', note: 'Camera only' });
    expect(parsed.errors.has()).toBe(false);
  });

  it('says what is wrong with the amount on its own box', () => {
    for (const [amount, message] of [
      ['', 'Enter the amount to approve'],
      ['0', 'The amount to approve must be more than £0'],
      [
        '12.345',
        'The amount to approve must be in pounds and pence, with no more than 2 decimal places, like £1,250.50',
      ],
      ['lots', 'The amount to approve must be in pounds, like £1,250 or £1,250.50'],
    ]) {
      const parsed = parseApproveForm({ amount });
      expect([amount, parsed.amountPence, parsed.errors.summary()]).toEqual([
        amount,
        null,
        [{ href: '#amount', text: message }],
      ]);
    }
    // Anything but a form's text (a hand-made body) is no amount at all.
    expect(parseApproveForm({ amount: { x: 1 } }).errors.get('amount')).toBe(
      'Enter the amount to approve',
    );
  });
});

describe('the release form', () => {
  const text = { title: 'Year-end release', summary: 'No more projects.', declarations: 'None' };

  it('gives the partners ticked and the record’s text', () => {
    const parsed = parseReleaseForm({ ...text, organisationIds: [HULL, EAST_RIDING, HULL] });
    expect(parsed.input).toEqual({ ...text, organisationIds: [HULL, EAST_RIDING] });
  });

  it('finds every mistake at once, the partners first, and never reads none ticked as all', () => {
    const parsed = parseReleaseForm({ title: ' ', summary: '', declarations: 'None' });
    expect(parsed.input).toBeNull();
    expect(parsed.errors.summary().map((e) => e.href)).toEqual([
      '#organisationIds',
      '#title',
      '#summary',
    ]);
    expect(parseReleaseForm({ ...text, organisationIds: '' }).input).toBeNull();
  });
});
