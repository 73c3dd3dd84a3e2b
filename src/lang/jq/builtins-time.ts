// Time builtins (gmtime, mktime, strftime, strptime, todate, fromdate, …). `now` needs the run's
// clock: a workflow must replay identically, so it comes from run options or is an error.

import { emitComputed, valueFn, type BuiltinTable, type NativeImpl } from './define.js';
import { preview, typePreview } from './encode.js';
import { JqError } from './errors.js';
import { fail } from './runtime.js';
import {
  brokenDown,
  epochOf,
  formatTime,
  instantFromBrokenDown,
  instantFromEpoch,
  parseTime,
  TimeError,
  type Instant,
} from './time.js';

function guard<T>(wrap: (msg: string) => string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TimeError) return fail(wrap(e.message));
    throw e;
  }
}

function gmtime(v: unknown, name = 'gmtime'): unknown {
  if (typeof v !== 'number') return fail(`${name} cannot be applied to: ${typePreview(v)}`);
  return guard(
    (m) => `${name} cannot be applied to ${preview(v)}: ${m}`,
    () => brokenDown(instantFromEpoch(v)),
  );
}

function mktime(v: unknown): unknown {
  if (!Array.isArray(v)) return fail(`mktime cannot be applied to: ${typePreview(v)}`);
  return guard(
    (m) => `mktime cannot be applied to ${preview(v)}: ${m}`,
    () => epochOf(instantFromBrokenDown(v)),
  );
}

function strftime(v: unknown, format: unknown, name = 'strftime'): unknown {
  if (typeof v === 'number') v = gmtime(v, name);
  const typeError = (): never => fail(`${name}(${preview(format)}) cannot be applied to: ${typePreview(v)}`);
  if (typeof format !== 'string') return typeError();
  let t: Instant;
  if (Array.isArray(v))
    t = guard(
      (m) => `${name}(${preview(format)}) cannot be applied to ${preview(v)}: ${m}`,
      () => instantFromBrokenDown(v),
    );
  else return typeError();
  return guard(
    (m) => `${name}(${preview(format)}) cannot be applied to ${preview(v)}: ${m}`,
    () => formatTime(t, format),
  );
}

function strptime(v: unknown, format: unknown): unknown {
  if (typeof v !== 'string' || typeof format !== 'string') {
    return fail(`strptime(${preview(format)}) cannot be applied to: ${typePreview(v)}`);
  }
  return guard(
    (m) => `strptime(${preview(format)}) cannot be applied to ${preview(v)}: ${m}`,
    () => {
      const t = parseTime(v, format);
      if (t.sec === -62135596800 && t.nsec === 0)
        return fail(`strptime(${preview(format)}) cannot be applied to: ${typePreview(v)}`);
      return brokenDown(instantFromEpoch(epochOf(t)));
    },
  );
}

const ISO_FORMAT = '%Y-%m-%dT%H:%M:%SZ';
const ISO_PARSE = '%Y-%m-%dT%H:%M:%S%z';

const fromdate = valueFn((v) => mktime(strptime(v, ISO_PARSE)));
const todate = valueFn((v) => strftime(v, ISO_FORMAT));

const now: NativeImpl = (ctx, input, path, _env, emit) => {
  if (ctx.now === undefined) {
    throw new JqError(
      'now is not available: a replayed workflow needs a fixed clock; pass run(input, { now: epochMillis }) or use a timestamp from the event',
    );
  }
  emitComputed(ctx.now / 1000, input, path, emit);
};

export const TIME_BUILTINS: BuiltinTable = {
  'gmtime/0': valueFn((v) => gmtime(v)),
  'localtime/0': valueFn((v) => gmtime(v, 'localtime')),
  'mktime/0': valueFn(mktime),
  'strftime/1': valueFn((v, f) => strftime(v, f)),
  'strflocaltime/1': valueFn((v, f) => strftime(v, f, 'strflocaltime')),
  'strptime/1': valueFn(strptime),
  'todate/0': todate,
  'todateiso8601/0': todate,
  'fromdate/0': fromdate,
  'fromdateiso8601/0': fromdate,
  'now/0': now,
};
