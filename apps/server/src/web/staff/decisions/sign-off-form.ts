import { asFormBody, formText } from '../../forms';

/** What the decision maker types to sign a decision off: the record's title, summary and declarations. */
export interface SignOffValues {
  title: string;
  summary: string;
  declarations: string;
}

/** The sign-off form as typed, for the record and for showing again beside its errors. */
export function signOffValues(raw: unknown): SignOffValues {
  const body = asFormBody(raw);
  return {
    title: formText(body, 'title'),
    summary: formText(body, 'summary'),
    declarations: formText(body, 'declarations'),
  };
}

/** The sign-off form's boxes: a refusal about one of them is shown on it. */
export const SIGN_OFF_FIELDS: Record<string, string> = {
  title: 'title',
  summary: 'summary',
  declarations: 'declarations',
};
