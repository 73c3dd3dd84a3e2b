// sprig's encoding, hashing, reflection and path functions.

import { base64Decode, base64Encode, CorruptInputError } from '../../../go/base64.js';
import { utf8Decode, utf8Encode } from '../../../go/utf8.js';
import { base32Decode, base32Encode, CorruptBase32Error } from '../../encoding/base32.js';
import { adler32, sha1Hex, sha256Hex, sha512Hex } from '../../encoding/hashes.js';
import { goKindName, goTypeName, type GoValue } from '../../values.js';
import { fn, type FuncMap } from '../types.js';
import { deepEqual } from './convert.js';

const S = (v: GoValue): string => v as string;

function decodeOrMessage(f: (s: string) => string, s: string): string {
  try {
    return f(s);
  } catch (e) {
    if (e instanceof CorruptInputError || e instanceof CorruptBase32Error) return e.message;
    throw e;
  }
}

/** path.Clean. */
function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path[0] === '/';
  const n = path.length;
  let out = rooted ? '/' : '';
  let r = rooted ? 1 : 0;
  let dotdot = rooted ? 1 : 0;
  while (r < n) {
    if (path[r] === '/') r++;
    else if (path[r] === '.' && (r + 1 === n || path[r + 1] === '/')) r++;
    else if (path[r] === '.' && path[r + 1] === '.' && (r + 2 === n || path[r + 2] === '/')) {
      r += 2;
      if (out.length > dotdot) {
        let w = out.length - 1;
        while (w > dotdot && out[w] !== '/') w--;
        out = out.slice(0, w);
      } else if (!rooted) {
        if (out.length > 0) out += '/';
        out += '..';
        dotdot = out.length;
      }
    } else {
      if ((rooted && out.length !== 1) || (!rooted && out.length !== 0)) out += '/';
      for (; r < n && path[r] !== '/'; r++) out += path[r];
    }
  }
  return out === '' ? '.' : out;
}

function basePath(path0: string): string {
  if (path0 === '') return '.';
  let path = path0.replace(/\/+$/, '');
  const i = path.lastIndexOf('/');
  if (i >= 0) path = path.slice(i + 1);
  return path === '' ? '/' : path;
}

function dirPath(path: string): string {
  return cleanPath(path.slice(0, path.lastIndexOf('/') + 1));
}

function extPath(path: string): string {
  for (let i = path.length - 1; i >= 0 && path[i] !== '/'; i--) if (path[i] === '.') return path.slice(i);
  return '';
}

export const MISC_FUNCS: FuncMap = {
  b64enc: fn(['string'], ([s]) => base64Encode(utf8Encode(S(s)))),
  b64dec: fn(['string'], ([s]) => decodeOrMessage((t) => utf8Decode(base64Decode(utf8Encode(t))), S(s))),
  b32enc: fn(['string'], ([s]) => base32Encode(S(s))),
  b32dec: fn(['string'], ([s]) => decodeOrMessage(base32Decode, S(s))),
  sha1sum: fn(['string'], ([s]) => sha1Hex(S(s))),
  sha256sum: fn(['string'], ([s]) => sha256Hex(S(s))),
  sha512sum: fn(['string'], ([s]) => sha512Hex(S(s))),
  adler32sum: fn(['string'], ([s]) => String(adler32(S(s)))),
  typeOf: fn(['any'], ([v]) => goTypeName(v)),
  typeIs: fn(['string', 'any'], ([t, v]) => S(t) === goTypeName(v)),
  typeIsLike: fn(['string', 'any'], ([t, v]) => S(t) === goTypeName(v) || '*' + S(t) === goTypeName(v)),
  kindOf: fn(['any'], ([v]) => goKindName(v)),
  kindIs: fn(['string', 'any'], ([t, v]) => S(t) === goKindName(v)),
  deepEqual: fn(['any', 'any'], ([a, b]) => deepEqual(a, b)),
  base: fn(['string'], ([p]) => basePath(S(p))),
  dir: fn(['string'], ([p]) => dirPath(S(p))),
  clean: fn(['string'], ([p]) => cleanPath(S(p))),
  ext: fn(['string'], ([p]) => extPath(S(p))),
  isAbs: fn(['string'], ([p]) => S(p).startsWith('/')),
  osBase: fn(['string'], ([p]) => basePath(S(p))),
  osDir: fn(['string'], ([p]) => dirPath(S(p))),
  osClean: fn(['string'], ([p]) => cleanPath(S(p))),
  osExt: fn(['string'], ([p]) => extPath(S(p))),
  osIsAbs: fn(['string'], ([p]) => S(p).startsWith('/')),
};
