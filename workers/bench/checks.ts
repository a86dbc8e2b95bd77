// Tiny hand-written JSON checks: each one appends readable errors that name the field's path
// (e.g. `configurations[0].runs[2].ttftMs`) instead of throwing at the first problem.

/** Checks `value` found at `path`, appending one message per problem to `errors`. */
export type Check = (value: unknown, path: string, errors: string[]) => void;

/** A short, safe rendering of an unexpected value for an error message. */
function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value);
  return String(value);
}

function expecting(test: (value: unknown) => boolean, expected: string): Check {
  return (value, path, errors) => {
    if (!test(value)) errors.push(`${path}: expected ${expected}, got ${shown(value)}`);
  };
}

export const finite = expecting((v) => typeof v === 'number' && Number.isFinite(v), 'a number');
export const positive = expecting(
  (v) => typeof v === 'number' && Number.isFinite(v) && v > 0,
  'a positive number',
);
export const nonNegative = expecting(
  (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  'a number ≥ 0',
);
export const count = expecting((v) => Number.isInteger(v) && (v as number) >= 0, 'a whole number ≥ 0');
export const text = expecting((v) => typeof v === 'string', 'text');
export const bool = expecting((v) => typeof v === 'boolean', 'true or false');
export const isoDate = expecting((v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)), 'an ISO date');

/** One of the listed JSON values. */
export function oneOf(...allowed: readonly (string | number | boolean)[]): Check {
  const list = allowed.map((a) => JSON.stringify(a)).join(', ');
  return expecting((v) => allowed.includes(v as string), `one of ${list}`);
}

/** `check`, or null. */
export function nullable(check: Check): Check {
  return (value, path, errors) => {
    if (value !== null) check(value, path, errors);
  };
}

/** A list whose every item passes `check`. */
export function listOf(check: Check): Check {
  return (value, path, errors) => {
    if (!Array.isArray(value)) errors.push(`${path}: expected a list, got ${shown(value)}`);
    else value.forEach((item, i) => check(item, `${path}[${i}]`, errors));
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An object whose every value passes `check` (a map keyed by name). */
export function recordOf(check: Check): Check {
  return (value, path, errors) => {
    if (!isRecord(value)) errors.push(`${path}: expected an object, got ${shown(value)}`);
    else for (const [key, item] of Object.entries(value)) check(item, `${path}.${key}`, errors);
  };
}

/** An object with the given fields; those named in `optional` may be absent. Extra fields are allowed. */
export function object(fields: Record<string, Check>, optional: readonly string[] = []): Check {
  return (value, path, errors) => {
    if (!isRecord(value)) {
      errors.push(`${path || 'the file'}: expected an object, got ${shown(value)}`);
      return;
    }
    for (const [key, check] of Object.entries(fields)) {
      const at = path ? `${path}.${key}` : key;
      if (key in value) check(value[key], at, errors);
      else if (!optional.includes(key)) errors.push(`${at}: missing`);
    }
  };
}
