import { FieldError, hasControlCharacters } from '@grants/core';

export interface CriterionInput {
  title: string;
  guidance: string;
  maxScore: number;
  weight: number;
}

/** The Leicestershire-style rubric a new scored round starts from. */
export const DEFAULT_RUBRIC: CriterionInput[] = [
  {
    title: 'Need and evidence',
    guidance: 'Is the need clear, local and backed by evidence (police data, surveys, partners)?',
    maxScore: 5,
    weight: 25,
  },
  {
    title: 'Delivery plan',
    guidance: 'Is the plan realistic, with the people, places and timetable to deliver it?',
    maxScore: 5,
    weight: 25,
  },
  {
    title: 'Outcomes',
    guidance: 'Are the outcomes clear, and will they be measured?',
    maxScore: 5,
    weight: 20,
  },
  {
    title: 'Value for money',
    guidance: 'Are the costs reasonable for what the project will achieve?',
    maxScore: 5,
    weight: 15,
  },
  {
    title: 'Links to the Police and Crime Plan',
    guidance: 'Does the project serve the themes of the Police and Crime Plan?',
    maxScore: 5,
    weight: 15,
  },
];

export const MAX_CRITERIA = 12;

/** Each criterion's own rules, and that the weights add up to 100%. */
export function rubricErrors(criteria: CriterionInput[]): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  if (criteria.length === 0) fail('criteria', 'Add at least one criterion');
  if (criteria.length > MAX_CRITERIA)
    fail('criteria', `A rubric has at most ${MAX_CRITERIA} criteria`);
  const titles = new Set<string>();
  criteria.forEach((c, i) => {
    const title = c.title.trim();
    if (!title) fail(`criteria.${i}.title`, `Enter a title for criterion ${i + 1}`);
    else if (title.length > 120 || hasControlCharacters(title))
      fail(
        `criteria.${i}.title`,
        `The title of criterion ${i + 1} must be 120 characters or fewer`,
      );
    else if (titles.has(title.toLowerCase()))
      fail(`criteria.${i}.title`, `${title} is listed twice`);
    titles.add(title.toLowerCase());
    if (c.guidance.length > 2000 || hasControlCharacters(c.guidance))
      fail(
        `criteria.${i}.guidance`,
        `The guidance for criterion ${i + 1} must be 2,000 characters or fewer`,
      );
    if (!Number.isInteger(c.maxScore) || c.maxScore < 1 || c.maxScore > 100)
      fail(
        `criteria.${i}.maxScore`,
        `The maximum score of criterion ${i + 1} must be a whole number from 1 to 100`,
      );
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100)
      fail(
        `criteria.${i}.weight`,
        `The weight of criterion ${i + 1} must be a whole percentage from 1 to 100`,
      );
  });
  const total = criteria.reduce((sum, c) => sum + (Number.isInteger(c.weight) ? c.weight : 0), 0);
  if (criteria.length > 0 && total !== 100)
    fail('criteria', `The weights add up to ${total}%: they must add up to 100%`);
  return errors;
}
