import { addDays, addMonths } from '@grants/core';

/** A quarterly return is due two weeks after its quarter ends; the final report four weeks after the project. */
export const QUARTERLY_RETURN_DUE_DAYS = 14;
export const FINAL_REPORT_DUE_DAYS = 28;

export interface PlannedReturn {
  sequence: number;
  kind: 'quarterly' | 'final';
  periodStartOn: string;
  periodEndOn: string;
  dueOn: string;
}

export interface PlannedPayment {
  sequence: number;
  label: string;
  amountPence: number;
  /** null: due as soon as the grant is accepted. */
  afterReturnSequence: number | null;
}

export interface GrantPlan {
  startOn: string;
  endOn: string;
  returns: PlannedReturn[];
  payments: PlannedPayment[];
}

/** A project with no duration given is monitored as a year's work. */
export const DEFAULT_DURATION_MONTHS = 12;

/**
 * The schedule an offer would get if accepted on `acceptedOn`: what the offer page shows, and
 * what acceptance writes.
 */
export function planForApplication(
  amountPence: number,
  application: { startDate: string | null; durationMonths: number | null },
  acceptedOn: string,
): GrantPlan {
  return planGrant(
    amountPence,
    projectStart(application.startDate, acceptedOn),
    application.durationMonths ?? DEFAULT_DURATION_MONTHS,
  );
}

/**
 * The project runs from its start for its duration. Work cannot be funded before the grant is
 * accepted, so a start date already past moves to the day of acceptance.
 */
export function projectStart(applicationStartOn: string | null, acceptedOn: string): string {
  return applicationStartOn && applicationStartOn > acceptedOn ? applicationStartOn : acceptedOn;
}

/**
 * The standard schedule: a return for each full quarter that ends before the project does, then
 * a final report; half the grant on acceptance (the odd penny in the first half) and the rest
 * once the officer accepts the mid-point return (the final report when there is no quarter).
 */
export function planGrant(amountPence: number, startOn: string, durationMonths: number): GrantPlan {
  const endOn = addDays(addMonths(startOn, durationMonths), -1);
  const returns: PlannedReturn[] = [];
  for (let quarter = 1; ; quarter += 1) {
    const periodEndOn = addDays(addMonths(startOn, quarter * 3), -1);
    if (periodEndOn >= endOn) break;
    returns.push({
      sequence: quarter,
      kind: 'quarterly',
      periodStartOn: addMonths(startOn, (quarter - 1) * 3),
      periodEndOn,
      dueOn: addDays(periodEndOn, QUARTERLY_RETURN_DUE_DAYS),
    });
  }
  const quarterlies = returns.length;
  returns.push({
    sequence: quarterlies + 1,
    kind: 'final',
    periodStartOn: startOn,
    periodEndOn: endOn,
    dueOn: addDays(endOn, FINAL_REPORT_DUE_DAYS),
  });
  const midPoint = quarterlies > 0 ? Math.ceil(quarterlies / 2) : quarterlies + 1;
  const first = Math.ceil(amountPence / 2);
  const payments: PlannedPayment[] =
    amountPence < 2
      ? [{ sequence: 1, label: 'On acceptance', amountPence, afterReturnSequence: null }]
      : [
          {
            sequence: 1,
            label: '50% on acceptance',
            amountPence: first,
            afterReturnSequence: null,
          },
          {
            sequence: 2,
            label:
              quarterlies > 0
                ? `50% after the mid-point return (return ${midPoint})`
                : '50% after the final report',
            amountPence: amountPence - first,
            afterReturnSequence: midPoint,
          },
        ];
  return { startOn, endOn, returns, payments };
}
