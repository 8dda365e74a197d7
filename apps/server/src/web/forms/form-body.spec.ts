import { asFormBody, formList, formText } from './form-body';

describe('reading a form body', () => {
  const body = asFormBody(
    Object.assign(Object.create(null) as object, {
      name: '  Winterton ',
      twice: ['first', 'second'],
      one: 'charity',
      many: ['charity', ' faith-group ', '', 'charity'],
      odd: { nested: true },
    }),
  );

  it('reads a text field trimmed, the first of a repeated one, and blank when missing or odd', () => {
    expect(formText(body, 'name')).toBe('Winterton');
    expect(formText(body, 'twice')).toBe('first');
    expect(formText(body, 'missing')).toBe('');
    expect(formText(body, 'odd')).toBe('');
    expect(formText(body, 'toString')).toBe('');
  });

  it('reads checkboxes whether one (a string) or several (an array) were ticked', () => {
    expect(formList(body, 'one')).toEqual(['charity']);
    expect(formList(body, 'many')).toEqual(['charity', 'faith-group']);
    expect(formList(body, 'missing')).toEqual([]);
  });

  it('treats a body that is not an object as empty', () => {
    expect(asFormBody(undefined)).toEqual({});
    expect(asFormBody('x=1')).toEqual({});
  });
});
