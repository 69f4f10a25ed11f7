import { CONTROL_CHARACTER, deeplyNested, FREE_TEXT_ATTACKS, HTML_INJECTIONS, SQL_INJECTIONS } from './bad-strings';

/** One generated plan file: what it is, its text, and whether a correct reader accepts it. */
export interface PlanCase {
  name: string;
  source: string;
  /** Accepted plans must keep `title` exactly as written; refused ones must list a located problem. */
  expect: { accepted: true; title: string } | { accepted: false; code?: string };
}

/** The free-text fields of a plan file: the line of `base` that carries each, and its key with its indent. */
const FREE_TEXT_FIELDS = [
  { field: 'title', line: /^title: .*$/m, key: 'title' },
  { field: 'issuer', line: /^issuer: .*$/m, key: 'issuer' },
  { field: 'milestone title', line: /^ {4}title: .*$/m, key: '    title' },
  { field: 'report title', line: /^ {8}title: .*$/m, key: '        title' },
] as const;

/** What the reader does with a string in a text field: NFD and control characters are refused, the rest kept. */
function expectationFor(text: string): PlanCase['expect'] {
  if (CONTROL_CHARACTER.test(text)) {
    return { accepted: false, code: 'PLAN_TEXT_CONTROL_CHARACTER' };
  }
  if (text !== text.normalize('NFC')) return { accepted: false, code: 'PLAN_TEXT_NOT_NFC' };
  return { accepted: true, title: text };
}

/**
 * The bad-plan corpus over a valid plan `base` whose lines `title:`, `issuer:`, the milestone's and the report's
 * `title:` are free text: broken YAML, wrong types, huge and deep documents, an alias bomb, control characters, NFD
 * text, and SQL and HTML injection in every free-text field (written as YAML double-quoted strings, whose escapes
 * are JSON's, so `\u0000` arrives as a real NUL).
 */
export function planCorpus(base: string): PlanCase[] {
  const set = (pattern: RegExp | string, replacement: string) => base.replace(pattern, () => replacement);
  const refused = (code?: string): PlanCase['expect'] => ({ accepted: false, ...(code ? { code } : {}) });
  const cases: PlanCase[] = [
    { name: 'empty file', source: '', expect: refused() },
    { name: 'a bare number', source: '42\n', expect: refused() },
    { name: 'a list at the top', source: '- 1\n- 2\n', expect: refused() },
    { name: 'unclosed quote', source: set(/^title: .*$/m, 'title: "Kế hoạch'), expect: refused('PLAN_YAML_INVALID') },
    { name: 'unclosed bracket', source: set('levels: [', 'levels: [[['), expect: refused('PLAN_YAML_INVALID') },
    { name: 'tabs for indentation', source: base.replace(/^ {2}/gm, '\t'), expect: refused('PLAN_YAML_INVALID') },
    { name: 'duplicate key', source: `${base}title: lần hai\n`, expect: refused('PLAN_YAML_INVALID') },
    { name: 'two documents', source: `${base}---\n${base}`, expect: refused('PLAN_YAML_INVALID') },
    { name: 'binary tag', source: set(/^title: .*$/m, 'title: !!binary aGVsbG8='), expect: refused() },
    { name: 'title is a number', source: set(/^title: .*$/m, 'title: 123'), expect: refused('PLAN_FIELD_INVALID') },
    { name: 'title is a map', source: set(/^title: .*$/m, 'title: { a: 1 }'), expect: refused('PLAN_FIELD_INVALID') },
    { name: 'format is a date', source: set('format: 1', 'format: 2025-01-01'), expect: refused('PLAN_FIELD_INVALID') },
    {
      name: 'milestones is text',
      source: base.replace(/milestones:[\s\S]*$/, 'milestones: nhiều\n'),
      expect: refused(),
    },
    { name: 'quota in words', source: set(/quota: \d+/, 'quota: ba'), expect: refused('PLAN_QUOTA_INVALID') },
    { name: 'quota 1e400', source: set(/quota: \d+/, 'quota: 1e400'), expect: refused() },
    { name: 'period out of range', source: set(/^period: .*$/m, 'period: 99999999-1'), expect: refused() },
    { name: 'unknown key __proto__', source: `${base}__proto__: { polluted: true }\n`, expect: refused() },
    { name: 'when of 5,000 words', source: set(/when: .*/, `when: ${'năm '.repeat(5000)}`), expect: refused() },
    { name: '20 MB file', source: set(/^title: .*$/m, `title: ${'x'.repeat(20 * 1024 * 1024)}`), expect: refused() },
    {
      name: '100k-element list',
      source: set(/levels: \[[^\]]*\]/, `levels: [${Array(100_000).fill('1').join(',')}]`),
      expect: refused('PLAN_FIELD_INVALID'),
    },
    { name: '10k-deep list', source: `x: ${deeplyNested(10_000)}\n`, expect: refused('PLAN_YAML_INVALID') },
    { name: '10k-deep map', source: `x: ${deeplyNested(10_000, '{a: ', '}')}\n`, expect: refused('PLAN_YAML_INVALID') },
    { name: '1k-deep title', source: set(/^title: .*$/m, `title: ${deeplyNested(1000)}`), expect: refused() },
    {
      name: 'alias bomb (billion laughs)',
      source:
        'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n' +
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n' +
        'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n',
      expect: refused('PLAN_YAML_INVALID'),
    },
    {
      name: 'raw NUL in a comment',
      source: `# ghi chú\u0000\n${base}`,
      expect: refused('PLAN_TEXT_CONTROL_CHARACTER'),
    },
    { name: 'whole file in NFD', source: base.normalize('NFD'), expect: refused('PLAN_TEXT_NOT_NFC') },
  ];
  for (const text of FREE_TEXT_ATTACKS) {
    for (const { field, line, key } of FREE_TEXT_FIELDS) {
      const expectation = expectationFor(text);
      cases.push({
        name: `${field} = ${JSON.stringify(text).slice(0, 40)}`,
        source: set(line, `${key}: ${JSON.stringify(text)}`),
        // An accepted plan keeps its title: the attack's own when it was put there, the base's otherwise.
        expect: expectation.accepted && field !== 'title' ? { accepted: true, title: titleOf(base) } : expectation,
      });
    }
  }
  return cases;
}

/** The injection strings that must reach the store verbatim and come back escaped wherever HTML is rendered. */
export const STORED_VERBATIM = [...SQL_INJECTIONS, ...HTML_INJECTIONS] as const;

function titleOf(base: string): string {
  return /^title: (.*)$/m.exec(base)![1]!.trim();
}
