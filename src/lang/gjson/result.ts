// gjson's Result, built over a JS value instead of raw JSON bytes. Raw and String() are computed
// on first use only, since most callers need just one of them.

import { MISSING } from './ast.js';
import { compactJson } from './compact-json.js';
import { formatFloat } from '../go/format-float.js';
import { goParseBool } from '../go/parse-bool.js';
import { parseGoFloat } from '../go/parse-number.js';

type GjsonType = 'Null' | 'False' | 'Number' | 'String' | 'True' | 'JSON';

export interface GjsonResult {
  /** Result.Exists() */
  readonly exists: boolean;
  /** Result.Type; a missing value is 'Null' with exists=false */
  readonly type: GjsonType;
  /** the JS value found (undefined when missing) */
  readonly value: unknown;
  /** Result.Raw: compact JSON text of the value, '' when missing */
  readonly raw: string;
  /** Result.String() */
  readonly str: string;
  /** Result.Float() (Result.Num for numbers) */
  readonly num: number;
  /** Result.Bool() */
  readonly bool: boolean;
  readonly isArray: boolean;
  readonly isObject: boolean;
  /** Result.Array(): elements of an array; [itself] for other values; [] for null or missing */
  array(): GjsonResult[];
  /** Result.Get(path): a gjson path evaluated on this value */
  get(path: string): GjsonResult;
}

/** JSON-typed view of a JS value; anything that is not JSON data counts as missing. */
function gjsonTypeOf(value: unknown): GjsonType | undefined {
  switch (typeof value) {
    case 'string':
      return 'String';
    case 'number':
    case 'bigint':
      return 'Number';
    case 'boolean':
      return value ? 'True' : 'False';
    case 'object':
      return value === null ? 'Null' : 'JSON';
    default:
      return undefined;
  }
}

/** Injected by index.ts to avoid an import cycle (result -> evaluate -> result). */
let getter: (doc: unknown, path: string) => GjsonResult = () => MISSING_RESULT;
export function setResultGetter(fn: (doc: unknown, path: string) => GjsonResult): void {
  getter = fn;
}

class Result implements GjsonResult {
  readonly exists: boolean;
  readonly type: GjsonType;
  readonly value: unknown;
  private rawText: string | undefined;

  constructor(value: unknown, type: GjsonType | undefined) {
    this.exists = type !== undefined;
    this.type = type ?? 'Null';
    this.value = type === undefined ? undefined : value;
  }

  get raw(): string {
    if (this.rawText === undefined) {
      this.rawText = this.exists ? compactJson(this.value) : '';
    }
    return this.rawText;
  }

  get str(): string {
    switch (this.type) {
      case 'String':
        return this.value as string;
      case 'Number':
        return typeof this.value === 'bigint'
          ? this.value.toString()
          : formatFloat(this.value as number, 'f', -1);
      case 'True':
        return 'true';
      case 'False':
        return 'false';
      case 'JSON':
        return this.raw;
      default:
        return '';
    }
  }

  get num(): number {
    switch (this.type) {
      case 'Number':
        return Number(this.value);
      case 'True':
        return 1;
      case 'String':
        return parseGoFloat(this.value as string).value;
      default:
        return 0;
    }
  }

  get bool(): boolean {
    switch (this.type) {
      case 'True':
        return true;
      case 'Number':
        return Number(this.value) !== 0;
      case 'String':
        return goParseBool((this.value as string).toLowerCase()) ?? false;
      default:
        return false;
    }
  }

  get isArray(): boolean {
    return Array.isArray(this.value);
  }

  get isObject(): boolean {
    return this.type === 'JSON' && !Array.isArray(this.value);
  }

  array(): GjsonResult[] {
    if (this.type === 'Null') return [];
    if (Array.isArray(this.value)) return this.value.map(gjsonResultOf);
    return [this];
  }

  get(path: string): GjsonResult {
    return this.exists ? getter(this.value, path) : MISSING_RESULT;
  }
}

const MISSING_RESULT: GjsonResult = new Result(undefined, undefined);

/** The result for a value that was not found. */
export function missingResult(): GjsonResult {
  return MISSING_RESULT;
}

/** Wraps a found JS value (or the MISSING marker) as a gjson Result. */
export function gjsonResultOf(value: unknown): GjsonResult {
  if (value === MISSING) return MISSING_RESULT;
  const type = gjsonTypeOf(value);
  return type === undefined ? MISSING_RESULT : new Result(value, type);
}
