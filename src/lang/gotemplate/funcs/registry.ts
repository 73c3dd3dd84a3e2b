// The function map Argo installs (text/template builtins + sprig.FuncMap()), minus what
// cannot run in a deterministic, sandboxed replay, which is refused at compile time.

import { BUILTINS } from './builtins.js';
import { DATE_FUNCS } from './sprig/dates.js';
import { DEFAULT_FUNCS } from './sprig/defaults.js';
import { DICT_FUNCS, MUTATING_DICT_FUNCS } from './sprig/dicts.js';
import { LIST_FUNCS } from './sprig/lists.js';
import { MATH_FUNCS } from './sprig/math.js';
import { MISC_FUNCS } from './sprig/misc.js';
import { REGEX_FUNCS } from './sprig/regex.js';
import { STRING_FUNCS } from './sprig/strings.js';
import type { FuncMap } from './types.js';

export const SPRIG: FuncMap = {
  ...STRING_FUNCS,
  ...MATH_FUNCS,
  ...DEFAULT_FUNCS,
  ...LIST_FUNCS,
  ...DICT_FUNCS,
  ...DATE_FUNCS,
  ...REGEX_FUNCS,
  ...MISC_FUNCS,
};

export { BUILTINS, MUTATING_DICT_FUNCS };

const NONDETERMINISTIC =
  'its result changes from run to run, which would break replay of the sensor workflow; derive values from the event instead';

/** sprig functions that exist in Argo but are refused here, with the reason. */
export const UNAVAILABLE: Record<string, string> = {
  uuidv4: `uuidv4 is nondeterministic: ${NONDETERMINISTIC} (e.g. sha256sum of the event id)`,
  randAlphaNum: NONDETERMINISTIC,
  randAlpha: NONDETERMINISTIC,
  randAscii: NONDETERMINISTIC,
  randNumeric: NONDETERMINISTIC,
  randBytes: NONDETERMINISTIC,
  randInt: NONDETERMINISTIC,
  shuffle: NONDETERMINISTIC,
  bcrypt: NONDETERMINISTIC,
  htpasswd: NONDETERMINISTIC,
  encryptAES: NONDETERMINISTIC,
  genPrivateKey: NONDETERMINISTIC,
  buildCustomCert: NONDETERMINISTIC,
  genCA: NONDETERMINISTIC,
  genCAWithKey: NONDETERMINISTIC,
  genSelfSignedCert: NONDETERMINISTIC,
  genSelfSignedCertWithKey: NONDETERMINISTIC,
  genSignedCert: NONDETERMINISTIC,
  genSignedCertWithKey: NONDETERMINISTIC,
  env: 'reading environment variables is disabled so that secrets cannot leak into triggers; pass values through the event or the sensor spec',
  expandenv:
    'reading environment variables is disabled so that secrets cannot leak into triggers; pass values through the event or the sensor spec',
  getHostByName: 'network lookups are not allowed in templates: they are nondeterministic',
  decryptAES: 'decryptAES is not supported by Eventide',
  derivePassword: 'derivePassword is not supported by Eventide',
  semver: 'semver is not supported by Eventide',
  semverCompare: 'semverCompare is not supported by Eventide',
  urlParse: 'urlParse is not supported by Eventide',
  urlJoin: 'urlJoin is not supported by Eventide',
};

/** Names users reach for that neither Go nor sprig define. */
export const NOT_SPRIG_HINTS: Record<string, string> = {
  required:
    'required is a Helm function, not part of sprig, so Argo rejects it too; use {{ if not .Input.x }}{{ fail "x is required" }}{{ end }}',
  include: 'include is a Helm function; use {{ template "name" . }}',
  tpl: 'tpl is a Helm function, not part of sprig',
  toYaml: 'toYaml is a Helm function, not part of sprig; use toJson',
  fromYaml: 'fromYaml is a Helm function, not part of sprig; use fromJson',
  lookup: 'lookup is a Helm function, not part of sprig',
};
