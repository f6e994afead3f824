/**
 * Azure Functions timer schedules are six-field NCRONTAB expressions,
 * `{second} {minute} {hour} {day} {month} {day-of-week}` in UTC
 * (https://learn.microsoft.com/en-us/azure/azure-functions/functions-bindings-timer#ncrontab-expressions).
 * Each field is `*`, a value, a range `a-b`, a step on either (`*\/5`, `9-17/2`, `5/15`) or a comma list of
 * these. Months and days may be English names, case-insensitive, abbreviated (three letters is what the
 * document recommends); day 0 is Sunday. Checking this at load turns a schedule the host would refuse (or
 * read as something else) into a clear setting error instead of a timer that never fires.
 */

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 0, max: 6, names: DAYS },
];

/** What is wrong with `expression` as an NCRONTAB schedule (one phrase), or undefined when it is valid. */
export function ncrontabProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) return `has ${fields.length} field${fields.length === 1 ? '' : 's'}, not 6`;
  for (const [i, field] of fields.entries()) {
    const spec = FIELDS[i] as FieldSpec;
    for (const part of (field as string).split(',')) {
      const problem = partProblem(part, spec);
      if (problem) return `${spec.name} field ${JSON.stringify(field.slice(0, 30))}: ${problem}`;
    }
  }
  return undefined;
}

function partProblem(part: string, spec: FieldSpec): string | undefined {
  const range = `${spec.min}-${spec.max}${spec.names ? ' or a name' : ''}`;
  const [base = '', step, extra] = part.split('/');
  if (extra !== undefined) return 'more than one "/"';
  if (step !== undefined) {
    if (!/^\d{1,2}$/.test(step) || Number(step) < 1 || Number(step) > spec.max)
      return `step must be a whole number from 1 to ${spec.max}`;
  }
  if (base === '*') return undefined;
  const [from = '', to, more] = base.split('-');
  if (more !== undefined) return 'more than one "-"';
  const first = value(from, spec);
  if (first === undefined) return `${JSON.stringify(from.slice(0, 20))} is not ${range}`;
  if (to === undefined) return undefined;
  const last = value(to, spec);
  if (last === undefined) return `${JSON.stringify(to.slice(0, 20))} is not ${range}`;
  if (first > last) return `range ${base} runs backwards`;
  return undefined;
}

/** A field value: a number in range, or a name or abbreviation (at least three letters) of one. */
function value(text: string, spec: FieldSpec): number | undefined {
  if (/^\d{1,2}$/.test(text)) {
    const n = Number(text);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const lower = text.toLowerCase();
  if (!spec.names || lower.length < 3) return undefined;
  const index = spec.names.findIndex((name) => name.startsWith(lower));
  return index < 0 ? undefined : index + spec.min;
}
