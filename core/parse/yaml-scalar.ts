import type { Scalar } from '../nodes';

/**
 * How CloudFormation types an untagged plain scalar. It reads YAML 1.1 with the implicit types of
 * SnakeYAML and PyYAML (cfn-lint's decoder): `yes`/`no`/`on`/`off` are booleans (an unquoted tag value
 * `YES` reaches S3 as `true`), `0755` is octal (cfn-init receives `493`), `1:30` is sexagesimal (90),
 * `~` and `null` are null; floats need a dot (`1e3`, `E3012` and `.` stay strings), and `y`/`n` stay
 * strings. Dates and timestamps stay the text written: `Version: 2012-10-17` is the string CloudFormation
 * passes on, never a date.
 */
export function resolvePlain(s: string): Scalar {
  if (s.length === 0) return null;
  if (!mayResolve(s.charCodeAt(0))) return s;
  switch (s) {
    case 'yes':
    case 'Yes':
    case 'YES':
    case 'true':
    case 'True':
    case 'TRUE':
    case 'on':
    case 'On':
    case 'ON':
      return true;
    case 'no':
    case 'No':
    case 'NO':
    case 'false':
    case 'False':
    case 'FALSE':
    case 'off':
    case 'Off':
    case 'OFF':
      return false;
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    default:
      break;
  }
  if (FLOAT.test(s)) return floatOf(s);
  if (INT.test(s)) return intOf(s);
  return s;
}

/**
 * True when a plain scalar starting with this character may be something other than a string:
 * digits, `+ - .`, `~`, and the first letters of the booleans and `null` (`y Y n N t T f F o O`).
 */
export function mayResolve(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || FIRST_LETTERS.includes(c);
}

const FIRST_LETTERS = [...'yYnNtTfFoO'].map((c) => c.charCodeAt(0));

const FLOAT =
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^[-+]?(?:0b[0-1_]+|0[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;

/** Sign and digits with underscores removed. */
function split(s: string): { sign: number; body: string } {
  const t = s.replace(/_/g, '');
  if (t[0] === '-') return { sign: -1, body: t.slice(1) };
  return { sign: 1, body: t[0] === '+' ? t.slice(1) : t };
}

/** `1:30:00` → 5400: base-60 digits, most significant first. */
function sexagesimal(body: string): number {
  let v = 0;
  for (const part of body.split(':')) v = v * 60 + Number(part);
  return v;
}

function intOf(s: string): Scalar {
  const { sign, body } = split(s);
  let v: number;
  if (body.startsWith('0b')) v = parseInt(body.slice(2), 2);
  else if (body.startsWith('0x')) v = parseInt(body.slice(2), 16);
  else if (body.includes(':')) v = sexagesimal(body);
  else if (body.length > 1 && body[0] === '0') v = parseInt(body, 8);
  else v = Number(body);
  // `0b_` and `0x_` hold no digit: PyYAML fails on them; the text is all there is.
  if (Number.isNaN(v)) return s;
  return v === 0 ? 0 : sign * v;
}

function floatOf(s: string): number {
  const { sign, body } = split(s);
  const lower = body.toLowerCase();
  if (lower === '.inf') return sign * Infinity;
  if (lower === '.nan') return NaN;
  return sign * (body.includes(':') ? sexagesimal(body) : Number(body));
}
