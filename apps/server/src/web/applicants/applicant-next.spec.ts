import { applicantNext, applicantSignInPath } from './applicant-next';

describe('applicantNext: where an applicant goes after signing in', () => {
  it.each([
    '/applications',
    '/apply/abc/organisation?type=charity&amount=1500000',
    '/organisations/new',
  ])('keeps the local path %s', (path) => expect(applicantNext(path)).toBe(path));

  it.each([
    ['another site', '//evil.example/x'],
    ['an absolute URL', 'https://evil.example/'],
    ['the sign-in page (a loop)', '/sign-in?next=/applications'],
    ['the code page', '/sign-in/code'],
    ['sign-out', '/sign-out'],
    ['nothing', undefined],
  ])('refuses %s', (_what, next) => expect(applicantNext(next)).toBe(''));

  it('builds the sign-in link with next encoded, or without it', () => {
    expect(applicantSignInPath('/applications/1?x=2')).toBe(
      '/sign-in?next=%2Fapplications%2F1%3Fx%3D2',
    );
    expect(applicantSignInPath('//evil')).toBe('/sign-in');
    expect(applicantSignInPath()).toBe('/sign-in');
  });
});
