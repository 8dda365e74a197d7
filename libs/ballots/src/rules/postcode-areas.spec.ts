import { normalisePostcode, parsePostcodeAreas, postcodeInAreas } from './postcode-areas';

describe('postcode areas', () => {
  it('normalises full postcodes and refuses anything else', () => {
    expect(normalisePostcode(' dn15 9ab ')).toBe('DN15 9AB');
    expect(normalisePostcode('yo152ab')).toBe('YO15 2AB');
    expect(normalisePostcode('DN15')).toBeNull();
    expect(normalisePostcode('not a postcode')).toBeNull();
  });

  it('reads districts and sectors as staff type them', () => {
    expect(parsePostcodeAreas('yo15, YO16\n dn15  9')).toEqual({
      areas: ['YO15', 'YO16', 'DN15 9'],
    });
    expect(parsePostcodeAreas('YO15, Bridlington, DN15 9AB')).toEqual({
      invalid: ['BRIDLINGTON', 'DN15 9AB'],
    });
  });

  it('places a postcode by district or by sector', () => {
    // Winterton is the DN15 9 sector; Bridlington South the YO15 and YO16 districts.
    expect(postcodeInAreas('DN15 9AB', ['DN15 9'])).toBe(true);
    expect(postcodeInAreas('DN15 8AB', ['DN15 9'])).toBe(false);
    expect(postcodeInAreas('YO16 4XY', ['YO15', 'YO16'])).toBe(true);
    expect(postcodeInAreas('YO17 4XY', ['YO15', 'YO16'])).toBe(false);
    expect(postcodeInAreas('rubbish', ['YO15'])).toBe(false);
  });
});
