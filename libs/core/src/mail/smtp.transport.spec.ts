import { PermanentMailError, TransientMailError } from './mail-transport';
import { classify } from './smtp.transport';

const smtpError = (fields: {
  code?: string;
  responseCode?: number;
  command?: string;
  message?: string;
  timeoutType?: string;
}) => Object.assign(new Error(fields.message ?? 'smtp failed'), fields);

describe('classify SMTP failures', () => {
  it('retries only what certainly did not leave', () => {
    expect(
      classify(
        smtpError({
          code: 'ESOCKET',
          command: 'CONN',
          message: 'connect ECONNREFUSED 127.0.0.1:25',
        }),
      ),
    ).toBeInstanceOf(TransientMailError);
    expect(classify(smtpError({ code: 'ECONNECTION', command: 'CONN' }))).toBeInstanceOf(
      TransientMailError,
    );
    expect(
      classify(smtpError({ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' })),
    ).toBeInstanceOf(TransientMailError);
    expect(
      classify(smtpError({ code: 'EAUTH', responseCode: 454, command: 'AUTH PLAIN' })),
    ).toBeInstanceOf(TransientMailError);
    // A server that accepts the connection and never greets has not been given anything.
    for (const timeoutType of ['CONNECT_TIMEOUT', 'GREETING_TIMEOUT'])
      expect(
        classify(
          smtpError({
            code: 'ETIMEDOUT',
            command: 'CONN',
            message: 'Greeting never received',
            timeoutType,
          }),
        ),
      ).toBeInstanceOf(TransientMailError);
  });

  it('treats a refusal for good as permanent', () =>
    expect(
      classify(smtpError({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' })),
    ).toBeInstanceOf(PermanentMailError));

  it('leaves a failure during or after DATA as unknown, so it is never retried blindly', () => {
    for (const err of [
      smtpError({ code: 'EMESSAGE', responseCode: 451, command: 'DATA' }),
      smtpError({ code: 'ETIMEDOUT', command: 'CONN', message: 'Timeout' }),
      smtpError({
        code: 'ETIMEDOUT',
        command: 'CONN',
        message: 'Timeout',
        timeoutType: 'SOCKET_TIMEOUT',
      }),
      smtpError({ code: 'ESOCKET', command: 'CONN', message: 'read ECONNRESET' }),
    ]) {
      const result = classify(err);
      expect(result).not.toBeInstanceOf(TransientMailError);
      expect(result).not.toBeInstanceOf(PermanentMailError);
    }
  });
});
