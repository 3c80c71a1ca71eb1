/**
 * Lets an engineer write the model terms as text (`温度 + 圧力 + 温度:圧力 + 温度^2`) and get an error that
 * points at the character to fix, instead of a silently different model.
 *
 * Syntax (the right-hand side of an R/patsy formula, restricted):
 * - terms are separated by `+`; whitespace (including the full-width space) is ignored;
 * - `a:b` is the interaction (product) of a and b; `a^k` is a power, k an integer from 2 to 4;
 *   `a*b` is shorthand for `a + b + a:b` (and `a*b*c` for all subsets of a, b, c, smallest first);
 *   precedence: `^` binds tightest, then `:`, then `*`, then `+`;
 * - column names are matched exactly, Japanese included. A name containing whitespace or one of
 *   `+ - * : ^ ( ) ~ \`` is written in backticks: `` `面粗度(Ra)前` ``; a backtick inside is doubled;
 * - optional `1` (add the intercept) or `-1` / `0` (remove it) override the caller's intercept setting;
 *   a column literally named `1` or `0` must be written in backticks;
 * - terms keep the order they are written in (it matters for the sequential ANOVA);
 * - `a*b + b*c` includes `b` once: repeats produced by `*` are merged, but a term written out twice
 *   (`a + a`, `a*b + a:b`) is an error.
 *
 * Errors are FormulaError with `position` (0-based index into the formula string) and a message that
 * names the 1-based character and, for an unknown column, the known ones.
 */

/** A formula the user wrote cannot be turned into a model; the caller reports it as an invalid parameter. */
export class FormulaError extends Error {
  /** 0-based index (UTF-16 code units) into the formula where the problem starts. */
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'FormulaError';
    this.position = position;
  }
}

export type ColumnKind = 'numeric' | 'text';

/** One column of a parsed term; power is 1 for a text column. */
export interface FormulaFactor {
  column: string;
  power: number;
}

export interface FormulaTerm {
  /** In the order written; each column at most once. */
  factors: FormulaFactor[];
  /** Where the term (or the `*` product it came from) starts in the formula. */
  position: number;
}

export interface ParsedFormula {
  /** true for `1`, false for `-1` or `0`, null when the formula does not say. */
  intercept: boolean | null;
  terms: FormulaTerm[];
}

export const MAX_POWER = 4;
const OPERATORS = new Set(['+', '-', '*', ':', '^', '(', ')', '~', '`']);
const MAX_LISTED_COLUMNS = 20;

type Token =
  | { kind: 'name'; value: string; quoted: boolean; start: number; end: number }
  | { kind: 'op'; value: string; start: number }
  | { kind: 'end'; start: number };

/** 1-based character number (in code points) of a string index, for messages. */
function characterAt(text: string, index: number): number {
  return Array.from(text.slice(0, index)).length + 1;
}

function isSpace(ch: string): boolean {
  return /\s/u.test(ch);
}

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  const at = (i: number): string => `at character ${characterAt(formula, i)}`;
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (isSpace(ch)) {
      i++;
    } else if (ch === '`') {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= formula.length) throw new FormulaError(`unclosed backtick ${at(start)}`, start);
        if (formula[i] === '`') {
          if (formula[i + 1] === '`') {
            value += '`';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += formula[i]!;
        i++;
      }
      if (value === '') throw new FormulaError(`empty column name in backticks ${at(start)}`, start);
      tokens.push({ kind: 'name', value, quoted: true, start, end: i });
    } else if (ch === '(' || ch === ')') {
      throw new FormulaError(
        `parentheses are not supported ${at(i)}; write a column name that contains them in backticks, e.g. \`面粗度(Ra)前\``,
        i,
      );
    } else if (ch === '~') {
      throw new FormulaError(`write only the terms, without the target and '~' (${at(i)})`, i);
    } else if (OPERATORS.has(ch)) {
      tokens.push({ kind: 'op', value: ch, start: i });
      i++;
    } else {
      const start = i;
      while (i < formula.length && !OPERATORS.has(formula[i]!) && !isSpace(formula[i]!)) i++;
      tokens.push({ kind: 'name', value: formula.slice(start, i), quoted: false, start, end: i });
    }
  }
  tokens.push({ kind: 'end', start: formula.length });
  return tokens;
}

function describe(t: Token): string {
  if (t.kind === 'end') return 'the end of the formula';
  if (t.kind === 'op') return `'${t.value}'`;
  return t.quoted ? `\`${t.value}\`` : `'${t.value}'`;
}

function isOp(t: Token, value: string): boolean {
  return t.kind === 'op' && t.value === value;
}

function isInterceptToken(t: Token): boolean {
  return t.kind === 'name' && !t.quoted && (t.value === '1' || t.value === '0');
}

/** A canonical key for a set of factors: the same term however its factors are ordered. */
export function factorKey(factors: readonly FormulaFactor[]): string {
  return JSON.stringify(
    factors.map((f) => [f.column, f.power]).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0)),
  );
}

function formulaTermName(factors: readonly FormulaFactor[]): string {
  return factors.map((f) => (f.power === 1 ? f.column : `${f.column}^${f.power}`)).join(':');
}

/**
 * Parses the formula against the known columns (name → numeric or text). Pure; throws FormulaError.
 * Does not expand text columns into levels (designSpec does).
 */
export function parseFormula(formula: string, columns: ReadonlyMap<string, ColumnKind>): ParsedFormula {
  if (formula.trim() === '') throw new FormulaError('the model formula is empty', 0);
  const tokens = tokenize(formula);
  const at = (i: number): string => `at character ${characterAt(formula, i)}`;
  let pos = 0;
  const peek = (): Token => tokens[pos]!;
  const next = (): Token => tokens[pos++]!;

  const knownList = (): string => {
    const names = [...columns.keys()];
    if (names.length === 0) return ' (there are no feature columns)';
    const shown = names.slice(0, MAX_LISTED_COLUMNS).join(', ');
    return ` (columns: ${shown}${names.length > MAX_LISTED_COLUMNS ? ', …' : ''})`;
  };

  /** power := name ('^' integer)? */
  const parsePower = (): FormulaFactor & { start: number } => {
    const t = next();
    if (t.kind !== 'name')
      throw new FormulaError(`expected a column name ${at(t.start)}, found ${describe(t)}`, t.start);
    if (isInterceptToken(t))
      throw new FormulaError(
        `'${t.value}' (the intercept) cannot be part of an interaction or power ${at(t.start)}`,
        t.start,
      );
    const kind = columns.get(t.value);
    if (kind === undefined && !t.quoted) {
      // `a b` where the column is 'a b': say that it needs backticks rather than that 'a' is unknown.
      for (let k = pos; ; k++) {
        const u = tokens[k]!;
        if (u.kind !== 'name' || u.quoted) break;
        const candidate = formula.slice(t.start, u.end);
        if (columns.has(candidate))
          throw new FormulaError(
            `write a column name that contains spaces in backticks: \`${candidate}\` (${at(t.start)})`,
            t.start,
          );
      }
    }
    if (kind === undefined)
      throw new FormulaError(`unknown column '${t.value}' ${at(t.start)}${knownList()}`, t.start);
    let power = 1;
    if (isOp(peek(), '^')) {
      const caret = next();
      if (kind === 'text')
        throw new FormulaError(
          `'${t.value}' is a text column and cannot be raised to a power (${at(caret.start)})`,
          caret.start,
        );
      const k = next();
      if (
        k.kind !== 'name' ||
        k.quoted ||
        !/^[0-9]+$/.test(k.value) ||
        Number(k.value) < 2 ||
        Number(k.value) > MAX_POWER
      ) {
        const where = k.kind === 'end' ? caret.start : k.start;
        throw new FormulaError(
          `the power must be an integer from 2 to ${MAX_POWER} ${at(where)}, found ${describe(k)}`,
          where,
        );
      }
      power = Number(k.value);
    }
    return { column: t.value, power, start: t.start };
  };

  /** interaction := power (':' power)* */
  const parseInteraction = (): FormulaTerm => {
    const first = parsePower();
    const factors: FormulaFactor[] = [{ column: first.column, power: first.power }];
    while (isOp(peek(), ':')) {
      next();
      const f = parsePower();
      if (factors.some((g) => g.column === f.column))
        throw new FormulaError(
          `column '${f.column}' appears twice in one term ${at(f.start)}; write ${f.column}^2 for a square`,
          f.start,
        );
      factors.push({ column: f.column, power: f.power });
    }
    return { factors, position: first.start };
  };

  const intercept: { value: boolean | null; start: number } = { value: null, start: 0 };
  const terms: (FormulaTerm & { explicit: boolean })[] = [];
  const seen = new Map<string, { explicit: boolean }>();

  const add = (term: FormulaTerm, explicit: boolean): void => {
    const key = factorKey(term.factors);
    const before = seen.get(key);
    if (before) {
      if (explicit || before.explicit)
        throw new FormulaError(
          `duplicate term '${formulaTermName(term.factors)}' ${at(term.position)}`,
          term.position,
        );
      return;
    }
    seen.set(key, { explicit });
    terms.push({ ...term, explicit });
  };

  const setIntercept = (value: boolean, start: number): void => {
    if (intercept.value !== null && intercept.value !== value)
      throw new FormulaError(`both '1' and '-1' (or '0') are given ${at(start)}`, start);
    intercept.value = value;
    intercept.start = start;
  };

  let sign = '+';
  if (isOp(peek(), '-')) {
    next();
    sign = '-';
  }
  for (;;) {
    const t = peek();
    const after = tokens[pos + 1]!;
    const standsAlone =
      after.kind === 'end' || (after.kind === 'op' && (after.value === '+' || after.value === '-'));
    if (sign === '-') {
      if (!(t.kind === 'name' && !t.quoted && t.value === '1' && standsAlone))
        throw new FormulaError(
          `only '-1' (no intercept) may follow '-' ${at(t.start)}; to leave a term out, do not write it`,
          t.start,
        );
      next();
      setIntercept(false, t.start);
    } else if (isInterceptToken(t) && standsAlone) {
      next();
      setIntercept(t.kind === 'name' && t.value === '1', t.start);
    } else {
      // product := interaction ('*' interaction)*
      const operands = [parseInteraction()];
      while (isOp(peek(), '*')) {
        next();
        operands.push(parseInteraction());
      }
      if (operands.length === 1) {
        add(operands[0]!, true);
      } else {
        const position = operands[0]!.position;
        // All non-empty subsets, by size, then in the order written.
        const m = operands.length;
        const subsets: number[][] = [];
        for (let mask = 1; mask < 1 << m; mask++) {
          const s: number[] = [];
          for (let j = 0; j < m; j++) if (mask & (1 << j)) s.push(j);
          subsets.push(s);
        }
        subsets.sort((u, v) => u.length - v.length || compareIndexLists(u, v));
        for (const s of subsets) {
          const factors: FormulaFactor[] = [];
          for (const j of s) {
            for (const f of operands[j]!.factors) {
              if (factors.some((g) => g.column === f.column))
                throw new FormulaError(
                  `column '${f.column}' appears twice in one term of the product ${at(operands[j]!.position)}; write ${f.column}^2 for a square`,
                  operands[j]!.position,
                );
              factors.push(f);
            }
          }
          add({ factors, position: s.length === 1 ? operands[s[0]!]!.position : position }, false);
        }
      }
    }
    const op = next();
    if (op.kind === 'end') break;
    if (op.kind === 'op' && (op.value === '+' || op.value === '-')) {
      sign = op.value;
      if (peek().kind === 'end')
        throw new FormulaError(`expected a term after '${op.value}' ${at(op.start)}`, op.start);
      continue;
    }
    if (op.kind === 'name')
      throw new FormulaError(
        `expected an operator (+ : * ^) before ${describe(op)} ${at(op.start)}; write a column name that contains spaces in backticks`,
        op.start,
      );
    throw new FormulaError(`unexpected ${describe(op)} ${at(op.start)}`, op.start);
  }

  if (terms.length === 0)
    throw new FormulaError('the model formula has no terms (only the intercept setting)', intercept.start);
  return { intercept: intercept.value, terms: terms.map(({ factors, position }) => ({ factors, position })) };
}

function compareIndexLists(u: readonly number[], v: readonly number[]): number {
  for (let k = 0; k < u.length; k++) if (u[k] !== v[k]) return u[k]! - v[k]!;
  return 0;
}
