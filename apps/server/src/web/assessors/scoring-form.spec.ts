import type { AssessmentCriterion } from '@grants/assessment';
import { FormErrors } from '../forms';
import { addScoringErrors, parseScoringForm } from './scoring-form';

const need = { id: 'c1', title: 'Need and evidence', maxScore: 5 } as AssessmentCriterion;
const plan = { id: 'c2', title: 'Delivery plan', maxScore: 5 } as AssessmentCriterion;

describe('the scoring form', () => {
  it('saves only the criteria with a score entered, as whole numbers', () => {
    const parsed = parseScoringForm(
      { action: 'save', 'score-c1': ' 4 ', 'comment-c1': 'Clear need', 'score-c2': '' },
      [need, plan],
    );
    expect(parsed.action).toBe('save');
    expect(parsed.input).toEqual([{ criterionId: 'c1', score: 4, comment: 'Clear need' }]);
    expect(parsed.errors.has()).toBe(false);
  });

  it('passes anything but digits on as NaN, for the domain to refuse', () => {
    for (const typed of ['2.5', '-1', 'four', '0x4', '1e1'])
      expect(parseScoringForm({ 'score-c1': typed }, [need]).input[0].score).toBeNaN();
  });

  it('asks for a score when only a comment is typed, and passes on unknown criteria', () => {
    const parsed = parseScoringForm(
      { action: 'submit', 'comment-c2': 'Sound', 'score-other': '3' },
      [need, plan],
    );
    expect(parsed.action).toBe('submit');
    expect(parsed.errors.summary()).toEqual([
      { href: '#score-c2', text: 'Enter a score for Delivery plan (0 to 5) to save your comment' },
    ]);
    expect(parsed.input).toEqual([{ criterionId: 'other', score: 3, comment: '' }]);
  });

  it('puts the domain’s errors beside the score or the comment', () => {
    const errors = new FormErrors();
    addScoringErrors(
      errors,
      [
        {
          field: 'scores.c1',
          message: 'Score Need and evidence and say why in a comment before you submit',
        },
        {
          field: 'scores.c2',
          message: 'Score Delivery plan and say why in a comment before you submit',
        },
        { field: 'scores.other', message: 'Score only the criteria of this round' },
      ],
      [need, plan],
      { c1: { score: '4', comment: '' }, c2: { score: '', comment: '' } },
    );
    expect(errors.summary().map((e) => e.href)).toEqual(['#comment-c1', '#score-c2', '#score-c1']);
  });
});
