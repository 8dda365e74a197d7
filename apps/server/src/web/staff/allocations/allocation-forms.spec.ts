import type { AllocationPlanView } from '@grants/allocations';
import { FormErrors } from '../../forms';
import {
  changedValues,
  indicatorFieldFor,
  keyFromLabel,
  parseIndicatorsForm,
  parseSettingsForm,
  parseWhatIf,
  valueCells,
  valueErrors,
  valueFieldId,
} from './allocation-forms';
import { changeText, valueText } from './allocation-view';

const HULL = '11111111-1111-4111-8111-111111111111';
const EAST_RIDING = '22222222-2222-4222-8222-222222222222';

const plan = {
  partners: [
    { organisationId: HULL, name: 'Hull City Council' },
    { organisationId: EAST_RIDING, name: 'East Riding of Yorkshire Council' },
  ],
  indicators: [
    { key: 'population', label: 'Population', weight: 50 },
    { key: 'crime', label: 'Total recorded crime', weight: 30 },
  ],
  values: [
    {
      organisationId: HULL,
      partner: 'Hull City Council',
      indicator: 'population',
      value: '267000',
      source: 'ONS',
      period: '2021',
    },
  ],
} as unknown as AllocationPlanView;

describe('the allocation plan forms', () => {
  it('reads the pot, minimum and maximum in pounds as pence; blank is none, or the budget', () => {
    expect(parseSettingsForm({ pot: '', floor: '', cap: '£150,000' }, true).settings).toEqual({
      potPence: undefined,
      floorPence: null,
      capPence: 15_000_000,
    });
    const changing = parseSettingsForm({ pot: '', floor: '0', cap: '1.234' }, false);
    expect(changing.settings).toBeNull();
    expect(changing.errors.summary().map((e) => e.href)).toEqual(['#pot', '#floor', '#cap']);
  });

  it('makes a key from the label when none is typed, and skips blank rows', () => {
    expect(keyFromLabel('Violence with injury')).toBe('violence-with-injury');
    expect(keyFromLabel('2022 ASB (police) ')).toBe('asb-police');
    const parsed = parseIndicatorsForm({
      'indicators-0-key': '',
      'indicators-0-label': 'Violence with injury',
      'indicators-0-weight': '40',
      'indicators-1-key': '',
      'indicators-1-label': '',
      'indicators-1-weight': '',
      'indicators-2-key': 'ASB',
      'indicators-2-label': 'Anti-social behaviour',
      'indicators-2-weight': '0',
    });
    expect(parsed.input).toEqual([
      { key: 'violence-with-injury', label: 'Violence with injury', weight: 40 },
      { key: 'asb', label: 'Anti-social behaviour', weight: 0 },
    ]);
    // The service's indicator 1 is the form's row 2.
    expect(parsed.sentRows).toEqual([0, 2]);
    expect(indicatorFieldFor('indicators.1.weight', parsed.sentRows)).toBe('indicators-2-weight');
    expect(indicatorFieldFor('indicators', parsed.sentRows)).toBe('indicators-0-label');
    expect(parsed.rows).toHaveLength(5);
  });

  it('refuses a weight that is not a whole number up to a million, on its box', () => {
    const parsed = parseIndicatorsForm({
      'indicators-0-label': 'Population',
      'indicators-0-weight': '1000001',
      'indicators-1-label': 'Crime',
      'indicators-1-weight': '2.5',
    });
    expect(parsed.input).toBeNull();
    expect(parsed.errors.summary().map((e) => e.href)).toEqual([
      '#indicators-0-weight',
      '#indicators-1-weight',
    ]);
    expect(parseIndicatorsForm({}).errors.summary()).toEqual([
      { href: '#indicators-0-label', text: 'Add at least one indicator, like Population' },
    ]);
  });

  it('sends only the values that changed, and a stored value cleared', () => {
    const id = (org: string, key: string, column: 'value' | 'source' | 'period') =>
      valueFieldId(org, key, column);
    const body = {
      [id(HULL, 'population', 'value')]: '267000',
      [id(HULL, 'population', 'source')]: 'ONS',
      [id(HULL, 'population', 'period')]: '2021',
      [id(HULL, 'crime', 'value')]: '30,000',
      [id(HULL, 'crime', 'source')]: 'Humberside Police',
      [id(HULL, 'crime', 'period')]: '2022-23',
      [id(EAST_RIDING, 'population', 'value')]: '',
      [id(EAST_RIDING, 'population', 'source')]: '',
      [id(EAST_RIDING, 'population', 'period')]: '',
    };
    const cells = valueCells(plan, body);
    expect(cells).toHaveLength(4);
    expect(changedValues(plan, cells).rows).toEqual([
      {
        partner: HULL,
        indicator: 'crime',
        value: '30,000',
        source: 'Humberside Police',
        period: '2022-23',
      },
    ]);
    const cleared = valueCells(plan, { ...body, [id(HULL, 'population', 'value')]: '' });
    expect(changedValues(plan, cleared).rows.map((r) => r.indicator)).toEqual([
      'population',
      'crime',
    ]);
  });

  it('puts the service’s value errors on their boxes, said with partner and indicator', () => {
    const sent = changedValues(
      plan,
      valueCells(plan, { [valueFieldId(HULL, 'crime', 'value')]: '-1' }),
    );
    const errors = new FormErrors();
    const problems: { text: string }[] = [];
    valueErrors(
      [
        { field: 'values.0.value', message: 'The value must be 0 or more' },
        { field: 'values', message: 'Enter from 1 to 1000 values' },
      ],
      sent.cells,
      errors,
      problems,
    );
    expect(errors.summary()).toEqual([
      {
        href: `#${valueFieldId(HULL, 'crime', 'value')}`,
        text: 'Hull City Council, Total recorded crime: The value must be 0 or more',
      },
    ]);
    expect(problems).toEqual([{ text: 'Enter from 1 to 1000 values' }]);
  });

  it('reads what-if weights from the query: none asked, some, or wrong', () => {
    expect(parseWhatIf({}, plan.indicators).weights).toBeUndefined();
    const some = parseWhatIf({ 'weight-crime': '0', 'weight-population': '' }, plan.indicators);
    expect(some.weights).toEqual({ crime: 0 });
    expect(some.values).toEqual({ population: '50', crime: '0' });
    const wrong = parseWhatIf(
      { 'weight-crime': ['1', '2'], 'weight-population': '-5' },
      plan.indicators,
    );
    expect(wrong.weights).toBeUndefined();
    expect(wrong.errors.summary().map((e) => e.href)).toEqual(['#weight-population']);
  });

  it('says changes in words and values grouped as people read them', () => {
    expect(changeText(3_759_616)).toBe('£37,596.16 more');
    expect(changeText(-2_493_590)).toBe('£24,935.90 less');
    expect(changeText(0)).toBe('No change');
    expect(valueText('267000')).toBe('267,000');
    expect(valueText('2500.0')).toBe('2,500.0');
    expect(valueText('23.4')).toBe('23.4');
  });
});
