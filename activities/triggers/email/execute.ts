// The `email` trigger: one mail per address in `to`, through the SMTP server at host:port, as
// Argo does (through argoproj/notifications-engine). `subject` and `body` are plain text after
// the trigger's parameters. The idempotency key becomes the Message-ID, so a mail client or
// archive can tell a retried fire's copy from a new mail.
import type { SecretKeySelector } from '../../../src/vocabulary/manifest-types.js';
import type { TriggerImpl } from '../../trigger-context.js';
import { retryableTriggerError, triggerConfigError } from '../../trigger-errors.js';

interface EmailSpec {
  host?: string;
  port?: number;
  username?: string;
  smtpPassword?: SecretKeySelector;
  to?: string[];
  from?: string;
  subject?: string;
  body?: string;
}

const LABEL = 'email trigger';
// Argo's address check, so the same addresses are refused.
const VALID_ADDRESS = /^[\w.-]+@([\w-]+\.)+[\w-]{2,4}$/;

/** The Message-ID of a fire's mails: the key, plus the recipient's position when there are several. */
function messageId(idempotencyKey: string, index: number, count: number): string {
  return `<${idempotencyKey}${count > 1 ? `.${index}` : ''}@eventide>`;
}

export const emailTrigger: TriggerImpl = async ({ fire, attempt, services }) => {
  const spec = (fire.template.email ?? {}) as EmailSpec;
  const to = (spec.to ?? []).filter((a) => a !== '');
  if (to.length === 0) throw triggerConfigError(`${LABEL}: to is empty: set it or fill it from a parameter`, attempt);
  if (!spec.subject) throw triggerConfigError(`${LABEL}: subject is empty`, attempt);
  if (!spec.body) throw triggerConfigError(`${LABEL}: body is empty`, attempt);
  if (!spec.host) throw triggerConfigError(`${LABEL}: host (the SMTP server) is required`, attempt);
  const bad = to.filter((a) => !VALID_ADDRESS.test(a));
  if (bad.length > 0) throw triggerConfigError(`${LABEL}: invalid address in to: ${bad.join(', ')}`, attempt);
  let password: string | undefined;
  try {
    password = spec.smtpPassword ? services.secrets.get(spec.smtpPassword) : undefined;
  } catch (e) {
    throw triggerConfigError(`${LABEL}: smtpPassword: ${(e as Error).message}`, attempt);
  }
  const port = spec.port ?? 587;
  // Loaded by the first fire, not at the top, so `eventide validate` does not load nodemailer.
  const { createTransport } = await import('nodemailer');
  const transport = createTransport({
    host: spec.host,
    port,
    // 465 is implicit TLS; other ports upgrade with STARTTLS when the server offers it.
    secure: port === 465,
    ...(spec.username ? { auth: { user: spec.username, pass: password ?? '' } } : {}),
    connectionTimeout: 30_000,
  });
  try {
    const sent: string[] = [];
    for (const [i, addr] of to.entries()) {
      try {
        await transport.sendMail({
          from: spec.from,
          to: addr,
          subject: spec.subject,
          text: spec.body,
          messageId: messageId(fire.idempotencyKey, i, to.length),
          headers: { 'Idempotency-Key': fire.idempotencyKey },
        });
      } catch (e) {
        const err = e as Error & { responseCode?: number; code?: string };
        const detail = err.responseCode ? `${err.responseCode} ${err.message}` : (err.code ?? err.message);
        const done = sent.length > 0 ? ` (already sent to ${sent.join(', ')})` : '';
        if (err.code === 'EAUTH') throw triggerConfigError(`${LABEL}: ${spec.host}:${port} refused the login: ${detail}`, attempt, e);
        throw retryableTriggerError(`${LABEL}: sending to ${addr} via ${spec.host}:${port} failed: ${detail}${done}`, attempt, e);
      }
      sent.push(addr);
    }
    return { sent: sent.length, to: sent };
  } finally {
    transport.close();
  }
};
