/**
 * Hostile and malformed input for every write route (issue 7): each category of mistake or
 * attack a hand-made request can carry, as JSON bodies for the API and urlencoded bodies for
 * forms. A route gets every category; where a category has several variants, `pick` rotates
 * through them, so the routes between them try all of them without each trying all (time).
 */
export type Category =
  | 'over-long'
  | 'unicode'
  | 'script'
  | 'sql'
  | 'number-as-string'
  | 'amount'
  | 'wrong-type'
  | 'unknown-field'
  | 'duplicate-key'
  | 'malformed'
  | 'huge-body';

export interface Probe {
  category: Category;
  label: string;
  contentType: string;
  body: string;
  /** The text every field carried, when it is text a person could type (to find it stored). */
  text?: string;
  /** Only this answer is right (the body limit). */
  status?: number;
  /** Text that must never be stored, even when the post is taken (undecoded escapes). */
  neverStored?: string[];
}

/** Fastify's body limit in create-server.ts is 1 MiB. */
export const BODY_LIMIT = 1024 * 1024;

/** 100,000 characters: far beyond any field's limit, small enough to fit in the body limit. */
export const OVER_LONG = 'Friday night football '.repeat(4546).slice(0, 100_000);

export const UNICODE: Record<string, string> = {
  NUL: 'before\u0000after',
  'lone surrogate': 'half \uD83D of an emoji',
  'right-to-left override': 'invoice\u202Efdp.exe',
  'zero-width joiner': 'family 👩\u200D👩\u200D👧 day',
  emoji: 'Safer streets 🚓✨',
  'combining marks': 'Zoe\u0308 cafe\u0301 Z\u0338\u0322a\u0334l\u0337g\u0336o',
};

export const SCRIPT = `<script>alert('x')</script><img src=x onerror=alert(1)>`;
export const SQL = ["'; DROP TABLE applications;--", "1' OR '1'='1"];
export const NUMBERS_AS_STRINGS = ['1500', '1e3', '0x10', ' 42 '];

/** JSON amounts: negative, beyond bigint, beyond a safe integer, fractional, and NaN-likes. */
const JSON_AMOUNTS: [string, string][] = [
  ['negative', '-150000'],
  ['beyond bigint', '10000000000000000000'],
  ['beyond a safe integer', '9007199254740993'],
  ['fractional', '1500.5'],
  ['huge exponent', '1e308'],
  ['NaN as text', '"NaN"'],
  ['Infinity as text', '"Infinity"'],
  ['negative zero', '-0'],
];

/** The same as a person might type them into a pounds box. */
const FORM_AMOUNTS: [string, string][] = [
  ['negative', '-£1,500'],
  ['beyond bigint', '£100,000,000,000,000,000,000'],
  ['beyond a safe integer', '90071992547409.93'],
  ['fractional pence', '£15.005'],
  ['exponent', '1e308'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['negative zero', '-0'],
];

const WRONG_JSON_TYPES: [string, string][] = [
  ['array', '["a","b"]'],
  ['object', '{"nested":{"deep":true}}'],
  ['null', 'null'],
  ['boolean', 'true'],
];

export interface Field {
  name: string;
  /** OpenAPI type when known: string, number, integer, boolean, array, object. */
  type?: string;
}

const rotate = <T>(list: T[], pick: number, offset = 0): T => list[(pick + offset) % list.length];

/** Fields to fill: the route's own, or a few likely names when it declares none. */
function namesOf(fields: Field[]): string[] {
  return fields.length ? fields.map((f) => f.name) : ['name', 'amountPence', 'reason'];
}

/** JSON text of an object whose every field has this JSON value (given as JSON text). */
function jsonWithAll(names: string[], valueJson: string): string {
  return `{${names.map((n) => `${JSON.stringify(n)}:${valueJson}`).join(',')}}`;
}

/**
 * NUL always; in JSON a lone surrogate always too (JSON can carry one, escaped, and neither it
 * nor NUL can be stored as sent), and one of the others in turn.
 */
function textProbes(pick: number, json: boolean): [Category, string, string][] {
  const always = json ? ['NUL', 'lone surrogate'] : ['NUL'];
  const unicode = Object.entries(UNICODE).filter(([k]) => !always.includes(k));
  return [
    ['over-long', '100,000 characters', OVER_LONG],
    ...always.map((k): [Category, string, string] => ['unicode', k, UNICODE[k]]),
    ['unicode', ...rotate(unicode, pick)],
    ['script', 'script tag', SCRIPT],
    ['sql', 'SQL fragment', rotate(SQL, pick)],
    ['number-as-string', 'number as a string', rotate(NUMBERS_AS_STRINGS, pick)],
  ];
}

/** Probes for a JSON route with these body fields. */
export function jsonProbes(fields: Field[], pick: number): Probe[] {
  const names = namesOf(fields);
  // The over-long value goes in as many fields as fit under the body limit.
  const longNames = names.slice(0, Math.max(1, Math.floor(BODY_LIMIT / 120_000)));
  const json = 'application/json';
  const probes: Probe[] = textProbes(pick, true).map(([category, label, text]) => ({
    category,
    label,
    contentType: json,
    body: JSON.stringify(
      Object.fromEntries((category === 'over-long' ? longNames : names).map((n) => [n, text])),
    ),
    text,
  }));
  const [amountLabel, amount] = rotate(JSON_AMOUNTS, pick);
  probes.push({
    category: 'amount',
    label: amountLabel,
    contentType: json,
    body: jsonWithAll(names, amount),
  });
  const wrongTypes: [string, string][] = [
    ...WRONG_JSON_TYPES.map(([label, value]): [string, string] => [
      label,
      jsonWithAll(names, value),
    ]),
    ['a list instead of an object', `[${jsonWithAll(names, '"x"')}]`],
  ];
  for (const offset of [0, 2]) {
    const [label, body] = rotate(wrongTypes, pick, offset);
    probes.push({ category: 'wrong-type', label, contentType: json, body });
  }
  probes.push(
    {
      category: 'unknown-field',
      label: 'unknown fields and prototype keys',
      contentType: json,
      body: `{"isAdmin":true,"status":"approved","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`,
    },
    {
      category: 'duplicate-key',
      label: 'the same key twice',
      contentType: json,
      body: `{${JSON.stringify(names[0])}:"first",${JSON.stringify(names[0])}:${rotate(WRONG_JSON_TYPES, pick)[1]}}`,
    },
    {
      category: 'malformed',
      label: 'truncated JSON',
      contentType: json,
      body: `{${JSON.stringify(names[0])}:`,
    },
    {
      category: 'huge-body',
      label: 'over the body limit',
      contentType: json,
      body: JSON.stringify({ [names[0]]: 'x'.repeat(BODY_LIMIT + 1024) }),
      status: 413,
    },
  );
  return probes;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * What the server should read of a form field: as a browser sends it, where a lone surrogate,
 * which cannot be UTF-8, goes as U+FFFD (the bytes careless clients send instead are in the
 * malformed probe).
 */
function decoded(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

function encode(text: string): string {
  return encodeURIComponent(decoded(text));
}

function urlencoded(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
}

/** Probes for a form post with these field names (the CSRF token is added to each). */
export function formProbes(names: string[], csrfToken: string, pick: number): Probe[] {
  const fields = names.length ? names : namesOf([]);
  const form = 'application/x-www-form-urlencoded';
  const csrf: [string, string] = ['_csrf', csrfToken];
  const withAll = (value: string, only = fields): string =>
    urlencoded([csrf, ...only.map((n): [string, string] => [n, value])]);
  const longFields = fields.slice(0, Math.max(1, Math.floor(BODY_LIMIT / 130_000)));
  const probes: Probe[] = textProbes(pick, false).map(([category, label, text]) => ({
    category,
    label,
    contentType: form,
    body: withAll(text, category === 'over-long' ? longFields : fields),
    text: decoded(text),
  }));
  const [amountLabel, amount] = rotate(FORM_AMOUNTS, pick);
  probes.push({ category: 'amount', label: amountLabel, contentType: form, body: withAll(amount) });
  const first = fields[0];
  const wrongTypes: [string, string][] = [
    [
      'every field sent twice (a list)',
      urlencoded([
        csrf,
        ...fields.flatMap((n): [string, string][] => [
          [n, 'a'],
          [n, 'b'],
        ]),
      ]),
    ],
    [
      'bracketed keys (an object)',
      urlencoded([csrf, ...fields.map((n): [string, string] => [`${n}[nested]`, 'x'])]),
    ],
    ['every field empty', withAll('')],
  ];
  for (const offset of [0, 1]) {
    const [label, body] = rotate(wrongTypes, pick, offset);
    probes.push({ category: 'wrong-type', label, contentType: form, body });
  }
  probes.push(
    {
      category: 'unknown-field',
      label: 'unknown fields and prototype keys',
      contentType: form,
      body: urlencoded([
        csrf,
        ['isAdmin', 'true'],
        ['__proto__', 'polluted'],
        ['__proto__[polluted]', 'true'],
        ['constructor[prototype][polluted]', 'true'],
        ['hasOwnProperty', 'x'],
      ]),
    },
    {
      category: 'duplicate-key',
      label: 'a field twice, with different values',
      contentType: form,
      body: urlencoded([csrf, [first, SCRIPT], [first, OVER_LONG.slice(0, 300)]]),
    },
    {
      category: 'malformed',
      label: 'broken percent-escapes and invalid UTF-8',
      contentType: form,
      neverStored: ['%E0%A4%A', '%ED%A0%BD'],
      body: `${urlencoded([csrf])}&${encode(first)}=%E0%A4%A&%ZZ=%&${encode(fields[1] ?? 'note')}=%ED%A0%BD`,
    },
    {
      category: 'huge-body',
      label: 'over the body limit',
      contentType: form,
      body: urlencoded([csrf, [first, 'x'.repeat(BODY_LIMIT + 1024)]]),
      status: 413,
    },
  );
  return probes;
}
