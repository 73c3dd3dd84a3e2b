// Comparing a secret with what a request presents without leaking, through timing, how much of it
// matched (bearer tokens, GitLab tokens, HMAC signatures given as text).
import { timingSafeEqual } from 'node:crypto';

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab);
    return false;
  }
  return timingSafeEqual(ab, bb);
}
