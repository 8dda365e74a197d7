import {
  AssessmentCriterion,
  CriterionScore,
  MAX_SCORE_COMMENT,
  ScoreInput,
} from '@grants/assessment';
import { FormBody, FormErrors, formText } from '../forms';

/** What the assessor typed for one criterion, kept as typed so a refused form shows it again. */
export interface ScoreFieldValues {
  score: string;
  comment: string;
}

export type ScoringFormValues = Record<string, ScoreFieldValues>;

export interface ParsedScoringForm {
  values: ScoringFormValues;
  /** The scores to save: only criteria with a score entered (blank ones are left as they were). */
  input: ScoreInput[];
  errors: FormErrors;
  action: 'save' | 'submit';
}

export const scoreFieldId = (criterionId: string) => `score-${criterionId}`;
export const commentFieldId = (criterionId: string) => `comment-${criterionId}`;

/** The saved scores as form values, for the page before anything is posted. */
export function savedScoringValues(
  criteria: AssessmentCriterion[],
  scores: CriterionScore[],
): ScoringFormValues {
  return Object.fromEntries(
    criteria.map((c) => {
      const saved = scores.find((s) => s.criterionId === c.id);
      return [c.id, { score: saved ? String(saved.score) : '', comment: saved?.comment ?? '' }];
    }),
  );
}

/**
 * Reads the scoring form. Scores must be whole numbers as typed ("4", not "4.0" or "0x4"):
 * anything else goes to the domain as NaN so its message (0 to the maximum) is the one shown.
 * A score field for a criterion the round does not have (a hand-made post) is passed on too,
 * and refused by the domain.
 */
export function parseScoringForm(
  body: FormBody,
  criteria: AssessmentCriterion[],
): ParsedScoringForm {
  const values: ScoringFormValues = {};
  const input: ScoreInput[] = [];
  const errors = new FormErrors();
  for (const c of criteria) {
    const score = formText(body, scoreFieldId(c.id));
    const comment = formText(body, commentFieldId(c.id));
    values[c.id] = { score, comment };
    if (comment.length > MAX_SCORE_COMMENT)
      errors.add(
        commentFieldId(c.id),
        `The comment on ${c.title} must be ${MAX_SCORE_COMMENT} characters or fewer`,
      );
    if (score === '') {
      if (comment !== '')
        errors.add(
          scoreFieldId(c.id),
          `Enter a score for ${c.title} (0 to ${c.maxScore}) to save your comment`,
        );
      continue;
    }
    input.push({ criterionId: c.id, score: wholeNumber(score), comment });
  }
  const known = new Set(criteria.map((c) => c.id));
  for (const key of Object.keys(body)) {
    const id = /^score-(.+)$/.exec(key)?.[1];
    if (id === undefined || known.has(id)) continue;
    if (formText(body, key) !== '')
      input.push({ criterionId: id, score: wholeNumber(formText(body, key)), comment: '' });
  }
  const action = formText(body, 'action') === 'submit' ? 'submit' : 'save';
  return { values, input, errors, action };
}

function wholeNumber(text: string): number {
  return /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * The domain's errors are on `scores.<criterionId>`: each goes beside that criterion's score
 * (or its comment, when the comment is what is wrong). One for a criterion the form does not
 * show goes to the first score field, so the summary still links somewhere on the page.
 */
export function addScoringErrors(
  errors: FormErrors,
  found: { field: string; message: string }[],
  criteria: AssessmentCriterion[],
  values: ScoringFormValues = {},
): void {
  for (const { field, message } of found) {
    const id = /^scores\.(.+)$/.exec(field)?.[1];
    const criterion = criteria.find((c) => c.id === id);
    if (!criterion) {
      if (criteria.length > 0) errors.add(scoreFieldId(criteria[0].id), message);
      continue;
    }
    // Over-long, or missing on submit although the score is there: the comment is what to fix.
    const commentOnly =
      /^The comment on /.test(message) ||
      (/say why in a comment/.test(message) && (values[criterion.id]?.score ?? '') !== '');
    errors.add(commentOnly ? commentFieldId(criterion.id) : scoreFieldId(criterion.id), message);
  }
}
