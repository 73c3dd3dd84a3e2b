// Short advice appended to Go's error text, for the mistakes Argo users hit most.

const HINTS: Array<[RegExp, string]> = [
  [
    /incompatible types for comparison: float64 and int|incompatible types for comparison: int and float64/,
    'JSON numbers are float64 in Go templates: compare with a float literal such as 2.0, or convert with (int .Input.x)',
  ],
  [
    /incompatible types for comparison/,
    'both sides must have the same Go type; convert one with toString, int or float64',
  ],
  [
    /wrong type for value; expected string; got float64/,
    'JSON numbers are float64: convert first, e.g. (toString .Input.x)',
  ],
  [
    /wrong type for value; expected string; got interface \{\}/,
    'the value is JSON null: guard it with {{ if }} or default',
  ],
  [
    /wrong type for value; expected int; got int64/,
    'sprig math returns int64; wrap the value with (int ...)',
  ],
  [
    /wrong type for value; expected int; got float64/,
    'JSON numbers are float64: wrap the value with (int ...)',
  ],
  [
    /wrong type for value/,
    'convert the argument to the expected type first (toString, int, float64, toDate)',
  ],
  [
    /invalid value; expected/,
    'the key is missing from the data: check the path, or supply a fallback with default',
  ],
  [
    /nil pointer evaluating/,
    'a value on the path is null: guard it with {{ if }} / {{ with }}, or use dig with a default',
  ],
  [/can't evaluate field/, 'the value on the left of this field is not a JSON object'],
  [/is not a method but has arguments/, 'a field cannot take arguments: did you forget a | or parentheses?'],
  [/range can't iterate over/, 'range needs a list, an object or an integer'],
  [/len of nil pointer|len of type/, 'len needs a string, list or object'],
  [
    /reflect: call of reflect\.Value\.Type on zero Value/,
    'the value is missing from the data: check the path',
  ],
  [
    /index out of range|cannot index slice\/array with type float64/,
    'list indexes must be int values within the list: use (int .Input.i)',
  ],
  [/wrong number of args/, 'check the function signature; with a pipe the piped value is the last argument'],
];

export function hintFor(message: string): string | undefined {
  for (const [re, hint] of HINTS) if (re.test(message)) return hint;
  return undefined;
}
