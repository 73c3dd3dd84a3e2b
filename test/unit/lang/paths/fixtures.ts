// Documents used across the path tests (the gjson README / SYNTAX example and friends).

export const readme = (): unknown =>
  JSON.parse(`{
    "name": {"first": "Tom", "last": "Anderson"},
    "age": 37,
    "children": ["Sara", "Alex", "Jack"],
    "fav.movie": "Deer Hunter",
    "friends": [
      {"first": "Dale", "last": "Murphy", "age": 44, "nets": ["ig", "fb", "tw"]},
      {"first": "Roger", "last": "Craig", "age": 68, "nets": ["fb", "tw"]},
      {"first": "Jane", "last": "Murphy", "age": 47, "nets": ["ig", "tw"]}
    ]
  }`);

export const tilde = (): unknown =>
  JSON.parse(`{
    "vals": [
      { "a": 1, "b": "data" },
      { "a": 2, "b": true },
      { "a": 3, "b": false },
      { "a": 4, "b": "0" },
      { "a": 5, "b": 0 },
      { "a": 6, "b": "1" },
      { "a": 7, "b": 1 },
      { "a": 8, "b": "true" },
      { "a": 9, "b": false },
      { "a": 10, "b": null },
      { "a": 11 }
    ]
  }`);

export const info = (): unknown =>
  JSON.parse(`{
    "info": {
      "friends": [
        {
          "first": "Dale", "last": "Murphy", "kind": "Person", "cust1": true,
          "extra": [10, 20, 30],
          "details": {"city": "Tempe", "state": "Arizona"}
        },
        {
          "first": "Roger", "last": "Craig", "kind": "Person", "cust2": false,
          "extra": [40, 50, 60],
          "details": {"city": "Phoenix", "state": "Arizona"}
        }
      ]
    }
  }`);
