import { loadConfig, MailRenderer } from '@grants/core';

/** The templates render with the data the service writes, and every message can unsubscribe. */
describe('subscription emails', () => {
  const renderer = new MailRenderer(loadConfig({ NODE_ENV: 'test' }));
  const unsubscribeUrl = 'http://localhost:3000/subscriptions/unsubscribe?token=abc_DEF-123';

  it('confirmation: link to confirm, expiry, and a way out', () => {
    const email = renderer.render('subscriptions/confirm-subscription', {
      fundName: "Commissioner's Safety Fund",
      confirmUrl: 'http://localhost:3000/subscriptions/confirm?token=id.secret',
      unsubscribeUrl,
      expiresAtUk: '16 March 2023 at 9am',
    });
    expect(email.subject).toBe("Confirm you want emails about Commissioner's Safety Fund");
    expect(email.text).toContain('http://localhost:3000/subscriptions/confirm?token=id.secret');
    expect(email.text).toContain("If this wasn't you, ignore this email");
    expect(email.text).toContain(unsubscribeUrl);
    expect(email.text).toContain('16 March 2023 at 9am');
    expect(email.html).toContain(
      'href="http://localhost:3000/subscriptions/confirm?token=id.secret"',
    );
    expect(email.html).toContain(`href="${unsubscribeUrl}"`);
    expect(email.html).toContain('Commissioner&#39;s Safety Fund');
  });

  it('round opened: round, closing time, link and unsubscribe', () => {
    const email = renderer.render('subscriptions/round-opened', {
      fundName: 'Community Response Fund',
      roundTitle: 'Pilot round: Winterton and Bridlington South',
      closesAtUk: '24 April 2023 at 5pm',
      roundUrl: 'http://localhost:3000/rounds/5d0c4a8e-0000-4000-8000-000000000000',
      unsubscribeUrl,
    });
    expect(email.subject).toBe(
      'Community Response Fund: Pilot round: Winterton and Bridlington South is open for applications',
    );
    expect(email.text).toContain('24 April 2023 at 5pm');
    expect(email.text).toContain(
      'http://localhost:3000/rounds/5d0c4a8e-0000-4000-8000-000000000000',
    );
    expect(email.text).toContain(unsubscribeUrl);
    expect(email.html).toContain(`href="${unsubscribeUrl}"`);
  });
});
