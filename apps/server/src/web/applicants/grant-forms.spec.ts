import type { MonitoringReturn } from '@grants/monitoring';
import { FormErrors } from '../forms';
import {
  emptyVariationForm,
  inPageOrder,
  parseReturnForm,
  parseVariationForm,
  returnFormValues,
  ReturnFormValues,
  RETURN_FIELDS,
} from './grant-forms';

const returnForm = (over: Partial<ReturnFormValues> = {}): ReturnFormValues => ({
  progress: 'Twelve sessions ran',
  spendToDate: '£4,000.50',
  peopleReached: '38',
  outcomes: 'Two volunteers',
  rag: 'amber',
  ragReason: 'The hall closed for a month',
  changesNeeded: '',
  ...over,
});

describe('the monitoring return form', () => {
  it('reads pounds as pence and people as a whole number', () => {
    const errors = new FormErrors();
    expect(parseReturnForm(returnForm(), errors)).toEqual({
      progress: 'Twelve sessions ran',
      spendToDatePence: 400_050,
      peopleReached: 38,
      outcomes: 'Two volunteers',
      rag: 'amber',
      ragReason: 'The hall closed for a month',
      changesNeeded: '',
    });
    expect(errors.has()).toBe(false);
  });

  it('takes nothing spent yet as £0, and 1,200 people', () => {
    const errors = new FormErrors();
    const answers = parseReturnForm(
      returnForm({ spendToDate: '0', peopleReached: '1,200' }),
      errors,
    );
    expect([answers.spendToDatePence, answers.peopleReached]).toEqual([0, 1200]);
    expect(parseReturnForm(returnForm({ spendToDate: '£0.00' }), errors).spendToDatePence).toBe(0);
    expect(errors.has()).toBe(false);
  });

  it('drops a reason left behind when green is chosen', () =>
    expect(parseReturnForm(returnForm({ rag: 'green' }), new FormErrors()).ragReason).toBe(''));

  it('puts unreadable numbers on their fields and hands the service values it refuses', () => {
    const errors = new FormErrors();
    const answers = parseReturnForm(
      returnForm({ spendToDate: '£4,000.505', peopleReached: 'about forty' }),
      errors,
    );
    expect([answers.spendToDatePence, answers.peopleReached]).toEqual([-1, -1]);
    expect(errors.summary().map((e) => e.href)).toEqual(['#spendToDate', '#peopleReached']);
    const blank = new FormErrors();
    parseReturnForm(returnForm({ spendToDate: '', peopleReached: '' }), blank);
    expect(blank.messages()).toEqual({
      spendToDate: { text: 'Enter how much of the grant you have spent so far' },
      peopleReached: { text: 'Enter the number of people reached so far, like 40' },
    });
  });

  it('pre-fills what was sent before', () => {
    const sent = {
      progress: 'p',
      spendToDatePence: 250_000,
      peopleReached: 12,
      outcomes: 'o',
      granteeRag: 'red',
      granteeRagReason: 'r',
      changesNeeded: null,
    } as MonitoringReturn;
    expect(returnFormValues(sent)).toEqual({
      progress: 'p',
      spendToDate: '2500.00',
      peopleReached: '12',
      outcomes: 'o',
      rag: 'red',
      ragReason: 'r',
      changesNeeded: '',
    });
  });

  it('orders errors as the page does', () => {
    const errors = new FormErrors().add('rag', 'a').add('progress', 'b').add('other', 'c');
    expect(
      inPageOrder(errors, RETURN_FIELDS)
        .summary()
        .map((e) => e.href),
    ).toEqual(['#progress', '#rag', '#other']);
  });
});

describe('the change request form', () => {
  const form = (over: Record<string, string> = {}) => ({ ...emptyVariationForm(), ...over });

  it('leaves out what is not changing', () => {
    const errors = new FormErrors();
    const parsed = parseVariationForm(form({ budgetChanges: 'Move £200', reason: 'Why' }), errors);
    expect(parsed.request).toEqual({
      newAmountPence: null,
      newEndOn: null,
      budgetChanges: 'Move £200',
      reason: 'Why',
    });
    expect(errors.has()).toBe(false);
  });

  it('reads a new amount and a new end date', () => {
    const errors = new FormErrors();
    const parsed = parseVariationForm(
      form({
        newAmount: '£9,500',
        'newEndOn-day': '31',
        'newEndOn-month': '3',
        'newEndOn-year': '2028',
        reason: 'Why',
      }),
      errors,
    );
    expect([parsed.request.newAmountPence, parsed.request.newEndOn]).toEqual([
      950_000,
      '2028-03-31',
    ]);
    expect(errors.has()).toBe(false);
  });

  it('refuses an amount or date it cannot read, with values the service refuses too', () => {
    const errors = new FormErrors();
    const parsed = parseVariationForm(
      form({
        newAmount: 'lots',
        'newEndOn-day': '30',
        'newEndOn-month': '2',
        'newEndOn-year': '2028',
      }),
      errors,
    );
    expect(parsed.request.newAmountPence).toBe(0);
    expect(parsed.request.newEndOn).toBe('not-a-date');
    expect(errors.summary().map((e) => e.href)).toEqual(['#newAmount', '#newEndOn-day']);
  });

  it('names the missing part of a date, and sends the service error there', () => {
    const errors = new FormErrors();
    const parsed = parseVariationForm(form({ 'newEndOn-day': '31', reason: 'Why' }), errors);
    expect(errors.summary()).toEqual([
      {
        href: '#newEndOn-month',
        text: 'The date the project will now end must include a month and year',
      },
    ]);
    expect(parsed.fieldIds.newEndOn).toBe('newEndOn-month');
  });
});
