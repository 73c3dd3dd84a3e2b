// SNS HTTP(S) messages (https://docs.aws.amazon.com/sns/latest/dg/http-message-format.html) and the
// string AWS signs for each type
// (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html):
// "Key\nvalue\n" for each signed key in this order, Subject only when the message has one.
import type { Obj } from '../../vocabulary/shape-checks.js';

export const SUBSCRIPTION_CONFIRMATION = 'SubscriptionConfirmation';
export const NOTIFICATION = 'Notification';
const UNSUBSCRIBE_CONFIRMATION = 'UnsubscribeConfirmation';

const CONFIRMATION_KEYS = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
const SIGNED_KEYS: Record<string, string[]> = {
  [NOTIFICATION]: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  [SUBSCRIPTION_CONFIRMATION]: CONFIRMATION_KEYS,
  [UNSUBSCRIBE_CONFIRMATION]: CONFIRMATION_KEYS,
};

/** A string field of the message, '' when absent or not a string. */
export function field(msg: Obj, key: string): string {
  const v = msg[key];
  return typeof v === 'string' ? v : '';
}

/** The canonical string AWS signed, or undefined for a Type AWS does not sign this way. */
export function snsStringToSign(msg: Obj): string | undefined {
  const keys = SIGNED_KEYS[field(msg, 'Type')];
  if (!keys) return undefined;
  let out = '';
  for (const key of keys) {
    const value = field(msg, key);
    if (value !== '') out += `${key}\n${value}\n`;
  }
  return out;
}

/** SignatureVersion → the digest of the RSA PKCS#1 v1.5 signature. */
export function snsDigest(signatureVersion: string): 'sha1' | 'sha256' | undefined {
  if (signatureVersion === '1') return 'sha1';
  if (signatureVersion === '2') return 'sha256';
  return undefined;
}
