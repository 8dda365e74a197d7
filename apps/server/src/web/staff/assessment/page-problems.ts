import { DomainException, FieldError, ValidationException } from '@grants/core';
import type { FastifyReply } from 'fastify';
import { FormErrors, seeOther } from '../../forms';

/** A form's refusals, for its page to show again: on their fields, else in the summary. */
export interface FormProblems {
  errors: FormErrors;
  problems: { text: string }[];
}

export const noFormProblems = (): FormProblems => ({ errors: new FormErrors(), problems: [] });

/**
 * A refusal the person can act on: on its field when the page has one, otherwise as a problem
 * in the error summary. Anything that is not a domain refusal (or is a 5xx) goes up.
 */
export function collectProblems(
  error: unknown,
  errors: FormErrors,
  problems: { text: string }[],
  fields: Record<string, string>,
): number {
  if (!(error instanceof DomainException) || error.status >= 500) throw error;
  const list: FieldError[] =
    error instanceof ValidationException
      ? error.errors
      : [{ field: error.field ?? '', message: error.message }];
  for (const e of list) {
    if (Object.hasOwn(fields, e.field)) errors.add(fields[e.field], e.message);
    else problems.push({ text: e.message });
  }
  return error.status;
}

/** 2000 hundredths of a percent as "20 points": how far apart the assessors are. */
export function spreadText(bp: number): string {
  const whole = Math.floor(bp / 100);
  const fraction = bp % 100;
  return `${fraction === 0 ? whole : `${whole}.${String(fraction).padStart(2, '0')}`} points`;
}

/**
 * Runs a form's action. Null when it went through (the caller redirects); otherwise its refusal
 * is collected as collectProblems does and the status to show the page again with comes back.
 */
export async function refusalOf(
  action: () => Promise<unknown>,
  errors: FormErrors,
  problems: { text: string }[],
  fields: Record<string, string> = {},
): Promise<number | null> {
  try {
    await action();
    return null;
  } catch (error) {
    return collectProblems(error, errors, problems, fields);
  }
}

/**
 * A form post that calls one domain action: when it goes through, a 303 to `done`; when it is
 * refused, the page again (`again`) with the refusal on its fields and the refusal's status.
 */
export async function submitForm(
  reply: FastifyReply,
  action: () => Promise<unknown>,
  done: string,
  again: (state: FormProblems, status: number) => Promise<unknown>,
  fields: Record<string, string> = {},
): Promise<unknown> {
  const state = noFormProblems();
  const status = await refusalOf(action, state.errors, state.problems, fields);
  return status === null ? seeOther(reply, done) : again(state, status);
}

/** What a page shows of its errors: the summary (refusals without a field first) and each field's. */
export function errorView(errors: FormErrors, problems: { text: string }[]) {
  return { errors: [...problems, ...errors.summary()], fieldErrors: errors.messages() };
}

/** The banner for a ?done= value, when it is one the page knows. */
export function doneBanner(messages: Record<string, string>, done: unknown): string | undefined {
  return typeof done === 'string' && Object.hasOwn(messages, done) ? messages[done] : undefined;
}
