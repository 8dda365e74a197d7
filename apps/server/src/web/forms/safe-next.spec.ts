import { safeNext, signInPath } from './safe-next';

describe('safeNext: where to go after signing in', () => {
  it.each([
    '/staff/rounds',
    '/staff/rounds/new',
    '/staff/rounds/2f0c7f3e-8f57-4f0e-9a55-0a4f4b7a5c11/edit',
    '/staff/rounds?page=2&sort=opens',
    '/rounds/abc%20def',
  ])('keeps the local path %s', (path) => expect(safeNext(path)).toBe(path));

  it.each([
    ['another site, scheme-relative', '//evil.example/x'],
    ['another site, with a backslash', '/\\evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'staff/rounds'],
    ['a header injection', '/staff\r\nSet-Cookie: x=1'],
    ['spaces', '/staff/ rounds'],
    ['the sign-in page itself (a loop)', '/staff/sign-in?next=/x'],
    ['sign-out', '/staff/sign-out'],
    ['something not a string', ['/staff/rounds']],
    ['nothing', undefined],
    ['something very long', `/${'a'.repeat(1001)}`],
  ])('refuses %s', (_what, next) => expect(safeNext(next)).toBe('/staff/rounds'));

  it('uses the fallback given', () => expect(safeNext('//evil', '')).toBe(''));

  it('builds the sign-in link with next encoded, or without it', () => {
    expect(signInPath('/staff/rounds?page=2')).toBe(
      '/staff/sign-in?next=%2Fstaff%2Frounds%3Fpage%3D2',
    );
    expect(signInPath('//evil.example')).toBe('/staff/sign-in');
    expect(signInPath()).toBe('/staff/sign-in');
  });
});
