import { parse } from 'postcode';

/** A full UK postcode in standard form ("DN15 9AB"), or null when it is not one. */
export function normalisePostcode(text: string): string | null {
  const parsed = parse(text.trim());
  return parsed.valid ? parsed.postcode : null;
}

/**
 * A ballot's area as typed by staff: postcode districts ("YO15") or sectors ("DN15 9"), in
 * standard form. Returns the areas, or the entries that are neither.
 */
export function parsePostcodeAreas(text: string): { areas: string[] } | { invalid: string[] } {
  const entries = text
    .split(/[,;\n]+/)
    .map((e) => e.trim().toUpperCase().replace(/\s+/g, ' '))
    .filter((e) => e.length > 0);
  const invalid = entries.filter((e) => !DISTRICT.test(e) && !SECTOR.test(e));
  if (invalid.length > 0) return { invalid };
  return { areas: [...new Set(entries)] };
}

// Outward codes as the postcode package reads them: area letters, district digits, an
// optional letter (EC1A); a sector adds the first digit of the inward code.
const DISTRICT = /^[A-Z]{1,2}[0-9][0-9A-Z]?$/;
const SECTOR = /^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9]$/;

/** Whether a full postcode lies in one of the districts or sectors. */
export function postcodeInAreas(postcode: string, areas: readonly string[]): boolean {
  const parsed = parse(postcode);
  if (!parsed.valid) return false;
  return areas.some((a) => a === parsed.district || a === parsed.sector);
}
