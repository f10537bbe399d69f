import { asList, get, isIntrinsic, isMap, isScalar, Node, stringValue } from './nodes';
import { Parameter, Template } from './template';

/**
 * Parameter choices. A parameter with `AllowedValues` and a `Default` among them is a choice the template
 * author made a default: a finding is about the template as deployed with defaults, and what only another
 * allowed value brings is reported once per parameter, at info (issue 10, N5). The engine runs a template
 * rule twice: at the defaults (`every` false) and with every allowed value (`every` true), and compares.
 * Outside the engine (and for parameters without a default) every allowed value counts, as before.
 */
interface ChoiceContext {
  tpl: Template;
  every: boolean;
  /**
   * Set in the defaults pass when a read gave something the every-choice pass would not: a choice read at its
   * default, a condition decided at the defaults. A rule run that never sets it reads the template the same way
   * in both passes, so its second pass would report exactly what the first did (the engine then skips it).
   */
  diverged: boolean;
}

let current: ChoiceContext | undefined;

/**
 * Runs `fn` with parameter choices resolved at their defaults (`every` false) or as every allowed value.
 * Returns its result and whether, in the defaults pass, anything was read differently from the every-choice pass.
 */
export function withChoices<T>(tpl: Template, every: boolean, fn: () => T): { value: T; diverged: boolean } {
  const prev = current;
  const ctx: ChoiceContext = { tpl, every, diverged: false };
  current = ctx;
  try {
    return { value: fn(), diverged: ctx.diverged };
  } finally {
    current = prev;
  }
}

/** True in the engine's defaults pass; the caller must `noteChoiceRead` when what it returns depends on it. */
export function choicesAtDefaults(): boolean {
  return current !== undefined && !current.every;
}

/**
 * Runs `fn` and tells whether it read a choice (in the defaults pass); a read inside still counts for the
 * enclosing run. For caches that hold what a read produced: a later hit must count the read again.
 */
export function withChoiceReads<T>(fn: () => T): { value: T; diverged: boolean } {
  if (!current || current.every) return { value: fn(), diverged: false };
  const outer = current.diverged;
  current.diverged = false;
  try {
    const value = fn();
    return { value, diverged: current.diverged };
  } finally {
    current.diverged ||= outer;
  }
}

/** Records, in the defaults pass, a result that differs from what the every-choice pass would give. */
export function noteChoiceRead(): void {
  if (current && !current.every) current.diverged = true;
}

/** A choice parameter's default while the engine runs its defaults pass; undefined otherwise (every value counts). */
export function defaultInThisPass(p: Parameter): Node | undefined {
  if (!choicesAtDefaults()) return undefined;
  const d = choiceDefault(p);
  if (d) noteChoiceRead();
  return d;
}

/** The parameter's Default when it is one of its AllowedValues (a real choice with a default), else undefined. */
export function choiceDefault(p: Parameter): Node | undefined {
  if (!p.allowedValues || p.allowedValues.length < 2 || !isScalar(p.default)) return undefined;
  const d = String(p.default.value);
  return p.allowedValues.some((v) => isScalar(v) && String(v.value) === d) ? p.default : undefined;
}

/** True when the template has at least one parameter choice with a default: only then do the two passes differ. */
export function hasChoices(tpl: Template): boolean {
  for (const p of tpl.parameters.values()) if (choiceDefault(p)) return true;
  return false;
}

/**
 * The value of a condition at the parameters' defaults, while the engine runs its defaults pass; undefined
 * when it cannot be told (a free-form parameter, a pseudo parameter, an unknown function) or outside that pass.
 */
export function conditionAtDefaults(name: string): boolean | undefined {
  if (!current || current.every) return undefined;
  const v = evalCondition(current.tpl, get(get(current.tpl.root, 'Conditions'), name), 0);
  if (v !== undefined) current.diverged = true;
  return v;
}

function evalCondition(tpl: Template, n: Node | undefined, depth: number): boolean | undefined {
  if (!n || depth > 20) return undefined;
  const args = n.kind === 'intrinsic' ? asList(n.arg) : [];
  if (isIntrinsic(n, 'Fn::Equals')) {
    if (args.length !== 2) return undefined;
    const [a, b] = args.map((x) => scalarAtDefaults(tpl, x));
    return a === undefined || b === undefined ? undefined : a === b;
  }
  if (isIntrinsic(n, 'Fn::Not')) {
    const v = evalCondition(tpl, args[0], depth + 1);
    return v === undefined ? undefined : !v;
  }
  if (isIntrinsic(n, 'Fn::And') || isIntrinsic(n, 'Fn::Or')) {
    const and = isIntrinsic(n, 'Fn::And');
    const vs = args.map((x) => evalCondition(tpl, x, depth + 1));
    if (vs.some((v) => v === !and)) return !and;
    return vs.every((v) => v === and) ? and : undefined;
  }
  const named = isIntrinsic(n, 'Condition') ? stringValue(n.arg) : isMap(n) && n.pairs.length === 1 ? conditionKey(n) : undefined;
  if (named) return evalCondition(tpl, get(get(tpl.root, 'Conditions'), named), depth + 1);
  return undefined;
}

/** `{ Condition: Name }` written as a plain mapping (JSON). */
function conditionKey(n: Node): string | undefined {
  return isMap(n) && n.pairs[0].key.value === 'Condition' ? stringValue(n.pairs[0].value) : undefined;
}

/** A condition operand at the defaults: a literal, or a choice parameter's default. */
function scalarAtDefaults(tpl: Template, n: Node): string | undefined {
  if (isScalar(n)) return n.value === null ? undefined : String(n.value);
  if (!isIntrinsic(n, 'Ref')) return undefined;
  const p = tpl.parameters.get(stringValue(n.arg) ?? '');
  const d = p && choiceDefault(p);
  return isScalar(d) ? String(d.value) : undefined;
}

/** The choice parameters a condition depends on, directly or through other conditions. */
export function conditionParameters(tpl: Template, name: string): Parameter[] {
  const out = new Map<string, Parameter>();
  const seen = new Set<string>();
  const visit = (n: Node | undefined, depth: number): void => {
    if (!n || depth > 20) return;
    if (isIntrinsic(n, 'Ref')) {
      const p = tpl.parameters.get(stringValue(n.arg) ?? '');
      if (p && choiceDefault(p)) out.set(p.id, p);
      return;
    }
    const named = isIntrinsic(n, 'Condition') ? stringValue(n.arg) : conditionKey(n);
    if (named) {
      if (!seen.has(named)) {
        seen.add(named);
        visit(get(get(tpl.root, 'Conditions'), named), depth + 1);
      }
      return;
    }
    if (n.kind === 'intrinsic') asList(n.arg).forEach((x) => visit(x, depth + 1));
  };
  seen.add(name);
  visit(get(get(tpl.root, 'Conditions'), name), 0);
  return [...out.values()];
}
