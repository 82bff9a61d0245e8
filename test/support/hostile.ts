import fc from 'fast-check';

/**
 * Hostile values for the route walk, as fast-check arbitraries per kind of field. Every value is
 * invalid for every field of its kind, so a request carrying one must be refused. Values that
 * are odd but valid (a code "__proto__", a page of 999) are deliberately not here.
 */

/** A value as it is sent: a JSON fragment spliced into a body, or what goes into a URL. */
export interface Hostile {
  /** Raw JSON text, so 1e400, 5e-324 and nesting thousands deep arrive exactly as written. */
  json?: string;
  /** Percent-encoded; an array repeats a query parameter. */
  url?: string | string[];
  label: string;
}

export type FieldKind =
  'text' | 'integer' | 'number' | 'boolean' | 'date' | 'enum' | 'array' | 'object';

export interface FieldShape {
  kind: FieldKind;
  nullable: boolean;
  /** The allowed values of an enum. */
  values?: unknown[];
  /** An array of strings typed one per line, whose blank entries are dropped by design. */
  lines?: boolean;
}

/** UTF-8 percent-encoding of every byte but the unreserved ones; a lone surrogate becomes U+FFFD. */
export function encodeUrl(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

const short = fc.string({ maxLength: 12 });

const BLANKS = [' ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\u200b', '\u200c', '\u200d'];
const INVISIBLE = [...BLANKS, '\u2060', '\ufeff', '\u202e', '\u00ad', '\u3164', '\u2800'];
// C0 and C1 controls but tab, line feed and carriage return, which notes may hold.
const CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, code) => code).filter((code) => ![9, 10, 13].includes(code)),
  ...Array.from({ length: 0x21 }, (_, code) => 0x7f + code),
].map((code) => String.fromCharCode(code));

/** Strings no text, code, date or enum field accepts, tagged with what makes them hostile. */
const badStrings = (maxLength: number) =>
  fc.oneof(
    fc.tuple(short, short).map(([a, b]) => ({ text: `${a}\u0000${b}`, label: 'NUL' })),
    fc
      .tuple(short, fc.integer({ min: 0xd800, max: 0xdfff }), short)
      .map(([a, s, b]) => ({ text: a + String.fromCharCode(s) + b, label: 'lone surrogate' })),
    short.map((a) => ({ text: `${a}\ufffd`, label: 'U+FFFD' })),
    fc
      .array(fc.constantFrom(...INVISIBLE), { maxLength: 12 })
      .map((chars) => ({ text: chars.join(''), label: 'blank or invisible only' })),
    fc.tuple(short, fc.constantFrom(...CONTROLS), short).map(([a, c, b]) => ({
      text: a + c + b,
      label: `control U+${c.charCodeAt(0).toString(16)}`,
    })),
    fc
      .integer({ min: 2_001, max: maxLength })
      .map((length) => ({ text: 'x'.repeat(length), label: `${length} characters` })),
  );

const asJson = ({ text, label }: { text: string; label: string }): Hostile => ({
  json: JSON.stringify(text),
  label,
});
const asUrl = ({ text, label }: { text: string; label: string }): Hostile => ({
  url: encodeUrl(text),
  label,
});

const raw = (json: string, label = json): Hostile => ({ json, label });

/** Nesting thousands deep, which overflowed class-transformer's stack. */
const deepJson = fc
  .integer({ min: 33, max: 5_000 })
  .map((depth) => raw('['.repeat(depth) + ']'.repeat(depth), `nested ${depth} deep`));

/** Values of another JSON type than `own`, the field's (a date or an enum is a string). */
function otherTypes(own: 'text' | 'number' | 'boolean' | 'array' | 'object', nullable: boolean) {
  const options: fc.Arbitrary<Hostile>[] = [deepJson];
  if (own !== 'text') {
    // Digits alone would be a valid year where a query's text becomes a number.
    options.push(
      fc
        .string({ maxLength: 20 })
        .filter((text) => !/^\d+$/.test(text))
        .map((text) => asJson({ text, label: 'a string' })),
    );
  }
  if (own !== 'number') options.push(fc.integer().map((n) => raw(String(n), 'a number')));
  if (own !== 'boolean') options.push(fc.boolean().map((b) => raw(String(b))));
  if (own !== 'array') {
    options.push(
      fc
        .array(fc.string({ maxLength: 5 }), { maxLength: 3 })
        .map((a) => raw(JSON.stringify(a), 'an array')),
    );
  }
  if (own !== 'object') {
    options.push(
      fc
        .dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 })
        .map((o) => raw(JSON.stringify(o), 'an object')),
      fc.constantFrom(
        raw('{"__proto__":{"x":1}}', '__proto__ object'),
        raw('{"constructor":1}', 'constructor object'),
      ),
    );
  }
  if (!nullable) options.push(fc.constant(raw('null')));
  return fc.oneof(...options);
}

const DATE_FORMS = [
  '2020-W01',
  '2020-W53-7',
  '2020-350',
  '2021-02-29',
  '2020-02-30',
  '2020-13-01',
  '2020-00-10',
  '1899-12-31',
  '2101-01-01',
  '0000-01-01',
  '20200101',
  '2020-1-1',
  '2020-01-01T00:00:00Z',
  '2020-01-01 ',
  '٢٠٢٠-٠١-٠١',
  '2020/01/01',
  '01/02/2020',
];

/** Strings that are not a real day from 1900 to 2100 written YYYY-MM-DD. */
const badDates = fc.oneof(
  fc.constantFrom(...DATE_FORMS),
  fc
    .tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 53 }))
    .map(([y, w]) => `${y}-W${String(w).padStart(2, '0')}`),
  fc
    .tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 366 }))
    .map(([y, d]) => `${y}-${String(d).padStart(3, '0')}`),
  fc.integer({ min: 2101, max: 9999 }).map((y) => `${y}-06-15`),
  fc.integer({ min: 1000, max: 1899 }).map((y) => `${y}-06-15`),
);

const badIntegerText = fc.oneof(
  fc.constantFrom(
    '-1',
    '1e20',
    '0x10',
    '1.5',
    '2.0',
    'NaN',
    'Infinity',
    '-Infinity',
    '',
    ' 1',
    '+',
    '١',
  ),
  fc.bigInt({ min: 2n ** 31n, max: 10n ** 30n }).map(String),
  fc.integer({ min: -1_000_000, max: -1 }).map(String),
);

const badNumberText = fc.oneof(
  fc.constantFrom(
    '-1',
    '5e-324',
    '0.30000000000000004',
    '1e20',
    'NaN',
    'Infinity',
    '1,5',
    '0x10',
    '0.001',
  ),
  fc.integer({ min: 1_001, max: 1_000_000_000 }).map(String),
);

/** JSON numbers no points or percentage field takes: noise, negatives, out of range, infinite. */
const badNumberJson = fc.oneof(
  fc.constantFrom(
    raw('5e-324'),
    raw(String(0.1 + 0.2)),
    raw('-1'),
    raw('1e20'),
    raw('1e400', 'Infinity (1e400)'),
    raw('-1e400', '-Infinity (-1e400)'),
    raw('"NaN"'),
    raw('"5"'),
  ),
  fc
    .integer({ min: 1, max: 99_999 })
    .filter((n) => n % 10 !== 0)
    .map((n) => raw(String(n / 1000), 'three decimals')),
  fc
    .double({ max: -1e-3, noNaN: true, noDefaultInfinity: true })
    .map((n) => raw(String(n), 'negative')),
  fc
    .double({ min: 1e6, noNaN: true, noDefaultInfinity: true })
    .map((n) => raw(String(n), 'too large')),
);

/** JSON numbers no integer field takes: negative, fractional, beyond 32 bits, infinite. */
const badIntegerJson = fc.oneof(
  fc.constantFrom(
    raw('1e20'),
    raw('2147483648'),
    raw('1e400', 'Infinity (1e400)'),
    raw('5e-324'),
    raw('"NaN"'),
  ),
  fc.integer({ min: -1_000_000, max: -1 }).map((n) => raw(String(n), 'negative')),
  fc.integer({ min: -1000, max: 1000 }).map((n) => raw(String(n + 0.5), 'a fraction')),
  fc.bigInt({ min: 2n ** 31n, max: 10n ** 30n }).map((n) => raw(String(n), 'beyond 32 bits')),
);

/** Hostile values for a field in a JSON body. */
export function jsonHostile(shape: FieldShape, example?: unknown): fc.Arbitrary<Hostile> {
  const strings = badStrings(100_000).map(asJson);
  switch (shape.kind) {
    case 'text':
      return fc.oneof(strings, otherTypes('text', shape.nullable));
    case 'enum':
      return fc.oneof(
        strings,
        fc
          .constantFrom(...(shape.values ?? []).map((value) => String(value).toUpperCase() + '_'))
          .map((text) => asJson({ text, label: 'not one of the values' })),
        otherTypes('text', shape.nullable),
      );
    case 'date':
      return fc.oneof(
        badDates.map((text) => asJson({ text, label: `date ${text}` })),
        strings,
        otherTypes('text', shape.nullable),
      );
    case 'integer':
      return fc.oneof(badIntegerJson, strings, otherTypes('number', shape.nullable));
    case 'number':
      return fc.oneof(badNumberJson, strings, otherTypes('number', shape.nullable));
    case 'boolean':
      return fc.oneof(
        fc.constantFrom(raw('"true"'), raw('0'), raw('1')),
        strings,
        otherTypes('boolean', shape.nullable),
      );
    case 'array': {
      // Entries of a list typed one per line may be blank: they are dropped, not refused.
      const entries = badStrings(100_000).filter(
        ({ label }) => !(shape.lines && label === 'blank or invisible only'),
      );
      // The field's valid entries around one bad one, or far too many valid ones.
      const valid = Array.isArray(example) && example.length > 0 ? example : ['Mục'];
      return fc.oneof(
        fc.tuple(entries, fc.nat({ max: valid.length })).map(([entry, at]) => {
          const list: unknown[] = [...valid];
          list.splice(at, 0, entry.text);
          return raw(JSON.stringify(list), `an entry: ${entry.label}`);
        }),
        fc.constant(
          raw(JSON.stringify(Array.from({ length: 5_001 }, () => valid[0])), '5,001 entries'),
        ),
        strings,
        otherTypes('array', shape.nullable),
      );
    }
    case 'object':
      return fc.oneof(
        fc.constantFrom(
          raw('{"__proto__":{"1":5}}', '__proto__ key'),
          raw('{"constructor":5}', 'constructor key'),
          raw('{"\\u0000":5}', 'NUL key'),
        ),
        strings,
        otherTypes('object', shape.nullable),
      );
  }
}

/** Hostile values for a path or query parameter. */
export function urlHostile(shape: FieldShape, location: 'path' | 'query'): fc.Arbitrary<Hostile> {
  // Long values stay below Node's 16 KB limit on the request head, so they reach the app; one
  // beyond it shows that the server refuses it (431) without the app.
  const common: fc.Arbitrary<Hostile>[] = [
    badStrings(12_000).map(asUrl),
    fc.constantFrom(
      { url: '%ED%A0%80', label: 'a lone surrogate as UTF-8 bytes' },
      { url: 'x'.repeat(100_000), label: '100,000 characters' },
    ),
  ];
  if (location === 'query') {
    common.push(fc.constant({ url: ['1', '2'], label: 'repeated' }));
  }
  switch (shape.kind) {
    case 'integer':
      return fc.oneof(
        ...common,
        badIntegerText.map((text) => asUrl({ text, label: `"${text}"` })),
      );
    case 'number':
      return fc.oneof(
        ...common,
        badNumberText.map((text) => asUrl({ text, label: `"${text}"` })),
      );
    case 'boolean':
      return fc.oneof(
        ...common,
        fc.constantFrom('1', '0', 'yes', 'TRUE', 'NaN').map((text) => asUrl({ text, label: text })),
      );
    case 'date':
      return fc.oneof(
        ...common,
        badDates.map((text) => asUrl({ text, label: `date ${text}` })),
      );
    case 'enum':
      return fc.oneof(
        ...common,
        fc
          .constantFrom(...(shape.values ?? []).map((value) => String(value).toUpperCase() + '_'))
          .map((text) => asUrl({ text, label: 'not one of the values' })),
      );
    case 'text':
    case 'array':
    case 'object':
      return fc.oneof(...common);
  }
}

const nested = (depth: number) =>
  raw('['.repeat(depth) + ']'.repeat(depth), `nested ${depth} deep`);

/** The cases every body field gets before the generated ones: one of each kind of hostility. */
export function jsonExamples(shape: FieldShape, example?: unknown): Hostile[] {
  const strings = [
    asJson({ text: 'An\u0000', label: 'NUL' }),
    asJson({ text: 'An\ud800', label: 'lone surrogate' }),
    asJson({ text: ' \u00a0 ', label: 'spaces only' }),
    asJson({ text: '\u200b\u200d', label: 'zero-width only' }),
    asJson({ text: 'x'.repeat(100_000), label: '100,000 characters' }),
  ];
  const always = [nested(5_000), ...(shape.nullable ? [] : [raw('null')])];
  switch (shape.kind) {
    case 'text':
      return [...strings, raw('42'), raw('["An"]'), ...always];
    case 'enum':
      return [
        ...strings,
        asJson({ text: String(shape.values?.[0]).toUpperCase(), label: 'in capitals' }),
        raw('1'),
        ...always,
      ];
    case 'date':
      return [
        ...[
          '2020-W01',
          '2020-350',
          '2021-02-30',
          '1899-12-31',
          '2101-01-01',
          '2020-01-01T00:00:00Z',
        ].map((text) => asJson({ text, label: `date ${text}` })),
        strings[0],
        raw('20200101'),
        ...always,
      ];
    case 'integer':
      return [
        raw('1e20'),
        raw('-1'),
        raw('1.5'),
        raw('1e400', 'Infinity (1e400)'),
        raw('"NaN"'),
        strings[0],
        ...always,
      ];
    case 'number':
      return [
        raw('5e-324'),
        raw(String(0.1 + 0.2)),
        raw('12.345'),
        raw('-1'),
        raw('1e20'),
        raw('1e400', 'Infinity (1e400)'),
        raw('"NaN"'),
        strings[0],
        ...always,
      ];
    case 'boolean':
      return [raw('"true"'), raw('1'), raw('[]'), strings[0], ...always];
    case 'array': {
      const valid = Array.isArray(example) && example.length > 0 ? example : ['Mục'];
      const withEntry = (entry: Hostile) =>
        raw(`[${entry.json},${JSON.stringify(valid).slice(1)}`, `an entry: ${entry.label}`);
      return [
        withEntry(strings[0]),
        withEntry(strings[4]),
        ...(shape.lines ? [] : [withEntry(strings[2])]),
        raw(JSON.stringify(Array.from({ length: 5_001 }, () => valid[0])), '5,001 entries'),
        strings[0],
        raw('{"0":1}'),
        ...always,
      ];
    }
    case 'object':
      return [
        raw('{"__proto__":{"1":5}}', '__proto__ key'),
        raw('{"\\u0000":5}', 'NUL key'),
        strings[0],
        raw('[1]'),
        ...always,
      ];
  }
}

/** The cases every path or query parameter gets before the generated ones. */
export function urlExamples(shape: FieldShape, location: 'path' | 'query'): Hostile[] {
  const url = (text: string, label = text): Hostile => ({ url: text, label });
  const strings = [
    url('An%00', 'NUL'),
    url('%ED%A0%80', 'a lone surrogate as UTF-8 bytes'),
    url('%20%C2%A0', 'spaces only'),
    url('%E2%80%8B%E2%80%8D', 'zero-width only'),
    url('x'.repeat(10_000), '10,000 characters'),
    url('x'.repeat(100_000), '100,000 characters'),
    ...(location === 'query' ? [{ url: ['1', '2'], label: 'repeated' }] : []),
  ];
  switch (shape.kind) {
    case 'integer':
      return [
        ...['1e20', '-1', '1.5', 'NaN', 'Infinity', '0x10'].map((text) => url(text)),
        ...strings,
      ];
    case 'number':
      return [
        ...['5e-324', '0.30000000000000004', '-1', '1e20', 'NaN', 'Infinity'].map((text) =>
          url(text),
        ),
        ...strings,
      ];
    case 'date':
      return [
        ...['2020-W01', '2020-350', '2021-02-30', '1899-12-31'].map((text) => url(text)),
        ...strings,
      ];
    case 'boolean':
      return [url('yes'), url('1'), ...strings];
    case 'enum':
      return [url(encodeUrl(String(shape.values?.[0]).toUpperCase()), 'in capitals'), ...strings];
    case 'text':
    case 'array':
    case 'object':
      return strings;
  }
}
