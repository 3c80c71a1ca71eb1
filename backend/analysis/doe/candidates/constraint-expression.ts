/**
 * Lets an engineer restrict a candidate grid with a condition written as text (`送り速度 * パス数 <= 9000`) and
 * evaluates it millions of times without `eval` or `Function`: the text is parsed once into a tree, checked
 * against the known columns, and compiled into plain closures over one candidate's values.
 *
 * Syntax:
 * - numbers (`12`, `0.5`, `1e3`), column names (Japanese too), string literals in '…' or "…" (compared with
 *   a categorical column: `材料 == 'SUS'`); a name with whitespace or symbols is written in backticks
 *   (`` `面粗度(Ra)前` ``, a backtick inside is doubled);
 * - arithmetic `+ - * / ^` (`^` is a power, right-associative, binding tighter than unary minus: `-x^2` is
 *   −(x²)), parentheses;
 * - comparisons `<= < >= > == !=` (also `=`, `≤`, `≥`, `≠`); a chain `0 <= x < 5` means `0 <= x and x < 5`;
 * - `and`, `or`, `not` (also `&&`, `||`, `!`); precedence from loosest: or, and, not, comparison, + −, * /,
 *   unary sign, ^.
 * - The whole expression must be a condition (a comparison or a logical combination of comparisons); the
 *   same syntax without comparisons is an arithmetic expression, compiled with `compileArithmetic` (the
 *   derived columns of an experiment log).
 *
 * Errors are ConstraintError with `position` (0-based index into the text) and a message naming the 1-based
 * character and, for an unknown column, the known ones. Arithmetic follows IEEE doubles: a division by zero
 * or a NaN makes a comparison false, so such a candidate is removed.
 */

/** A constraint the user wrote cannot be parsed or refers to something that does not exist. */
export class ConstraintError extends Error {
  /** 0-based index (UTF-16 code units) into the constraint where the problem starts. */
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'ConstraintError';
    this.position = position;
  }
}

type Token =
  | { kind: 'number'; value: number; start: number }
  | { kind: 'name'; value: string; quoted: boolean; start: number }
  | { kind: 'string'; value: string; start: number }
  | { kind: 'op'; value: string; start: number }
  | { kind: 'end'; start: number };

export type ComparisonOperator = '<=' | '<' | '>=' | '>' | '==' | '!=';

/** The parsed expression tree; `start` is where the node's text begins (for messages). */
export type ConstraintNode =
  | { kind: 'number'; value: number; start: number }
  | { kind: 'column'; name: string; start: number }
  | { kind: 'string'; value: string; start: number }
  | { kind: 'negate'; operand: ConstraintNode; start: number }
  | {
      kind: 'arithmetic';
      op: '+' | '-' | '*' | '/' | '^';
      left: ConstraintNode;
      right: ConstraintNode;
      start: number;
    }
  | { kind: 'compare'; ops: ComparisonOperator[]; operands: ConstraintNode[]; start: number }
  | { kind: 'logical'; op: 'and' | 'or'; left: ConstraintNode; right: ConstraintNode; start: number }
  | { kind: 'not'; operand: ConstraintNode; start: number };

export interface ParsedConstraint {
  text: string;
  root: ConstraintNode;
  /** Column names used, in order of first appearance. */
  columns: string[];
}

/** How a column is seen by the compiled constraint: a number, or a level index of a categorical column. */
export type ConstraintColumn =
  { kind: 'numeric'; slot: number } | { kind: 'categorical'; slot: number; levels: readonly string[] };

/** A compiled constraint: true when the candidate (numeric values, categorical level indices) is kept. Pure. */
export type ConstraintPredicate = (numeric: Float64Array, codes: Int32Array) => boolean;

const MAX_LISTED_COLUMNS = 20;
const KEYWORDS = new Set(['and', 'or', 'not']);
const COMPARISONS: Record<string, ComparisonOperator> = {
  '<=': '<=',
  '<': '<',
  '>=': '>=',
  '>': '>',
  '==': '==',
  '=': '==',
  '!=': '!=',
  '<>': '!=',
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
};
const TWO_CHAR_OPS = new Set(['<=', '>=', '==', '!=', '<>', '&&', '||']);
const ONE_CHAR_OPS = new Set(['+', '-', '*', '/', '^', '(', ')', '<', '>', '=', '!', '≤', '≥', '≠']);

/** 1-based character number (in code points) of a string index, for messages. */
function characterAt(text: string, index: number): number {
  return Array.from(text.slice(0, index)).length + 1;
}

const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{M}\p{N}_]/u;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const at = (i: number): string => `at character ${characterAt(text, i)}`;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '`' || ch === "'" || ch === '"') {
      // Backticks quote a column name, quotes a string; the delimiter doubled stands for itself.
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) {
          throw new ConstraintError(
            `unclosed ${ch === '`' ? 'backtick' : 'quote'} ${at(start)}: close it with ${ch}`,
            start,
          );
        }
        if (text[i] === ch) {
          if (text[i + 1] === ch) {
            value += ch;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      if (ch === '`') {
        if (value === '') throw new ConstraintError(`empty column name in backticks ${at(start)}`, start);
        tokens.push({ kind: 'name', value, quoted: true, start });
      } else {
        tokens.push({ kind: 'string', value, start });
      }
      continue;
    }
    const num = NUMBER.exec(text.slice(i));
    if (num !== null && /[\d.]/.test(ch)) {
      const after = text[i + num[0].length];
      if (after !== undefined && NAME_START.test(after)) {
        throw new ConstraintError(
          `a number runs into a name ${at(start)} ('${num[0]}${after}…'): put an operator between them, or write the column name in backticks`,
          start,
        );
      }
      tokens.push({ kind: 'number', value: Number(num[0]), start });
      i += num[0].length;
      continue;
    }
    if (NAME_START.test(ch)) {
      let end = i + 1;
      while (end < text.length && NAME_PART.test(text[end]!)) end++;
      tokens.push({ kind: 'name', value: text.slice(i, end), quoted: false, start });
      i = end;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      tokens.push({ kind: 'op', value: two, start });
      i += 2;
      continue;
    }
    if (ONE_CHAR_OPS.has(ch)) {
      tokens.push({ kind: 'op', value: ch, start });
      i++;
      continue;
    }
    throw new ConstraintError(
      `unexpected character '${ch}' ${at(start)}; a column name with symbols is written in backticks, e.g. \`面粗度(Ra)前\``,
      start,
    );
  }
  tokens.push({ kind: 'end', start: text.length });
  return tokens;
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'the end of the constraint';
    case 'number':
      return `the number ${t.value}`;
    case 'string':
      return `the text '${t.value}'`;
    case 'name':
      return `'${t.value}'`;
    case 'op':
      return `'${t.value}'`;
  }
}

/** Recursive-descent parser over the token list; see the module comment for the grammar. */
class Parser {
  private index = 0;
  readonly columns: string[] = [];

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    return this.tokens[this.index++]!;
  }

  private at(i: number): string {
    return `at character ${characterAt(this.text, i)}`;
  }

  private isOp(...values: string[]): boolean {
    const t = this.peek();
    return t.kind === 'op' && values.includes(t.value);
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === 'name' && !t.quoted && t.value.toLowerCase() === word;
  }

  parse(): ConstraintNode {
    const root = this.or();
    const t = this.peek();
    if (t.kind !== 'end') {
      throw new ConstraintError(
        `unexpected ${describe(t)} ${this.at(t.start)}: expected an operator or the end of the constraint` +
          (t.kind === 'op' && t.value === '('
            ? ' (a column name with symbols is written in backticks, e.g. `面粗度(Ra)前`)'
            : ''),
        t.start,
      );
    }
    return root;
  }

  private or(): ConstraintNode {
    let left = this.and();
    while (this.isKeyword('or') || this.isOp('||')) {
      this.next();
      left = { kind: 'logical', op: 'or', left, right: this.and(), start: left.start };
    }
    return left;
  }

  private and(): ConstraintNode {
    let left = this.not();
    while (this.isKeyword('and') || this.isOp('&&')) {
      this.next();
      left = { kind: 'logical', op: 'and', left, right: this.not(), start: left.start };
    }
    return left;
  }

  private not(): ConstraintNode {
    if (this.isKeyword('not') || this.isOp('!')) {
      const t = this.next();
      return { kind: 'not', operand: this.not(), start: t.start };
    }
    return this.comparison();
  }

  private comparison(): ConstraintNode {
    const first = this.additive();
    const ops: ComparisonOperator[] = [];
    const operands = [first];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || COMPARISONS[t.value] === undefined) break;
      this.next();
      ops.push(COMPARISONS[t.value]!);
      operands.push(this.additive());
    }
    return ops.length === 0 ? first : { kind: 'compare', ops, operands, start: first.start };
  }

  private additive(): ConstraintNode {
    let left = this.multiplicative();
    while (this.isOp('+', '-')) {
      const op = this.next() as { value: '+' | '-' };
      left = { kind: 'arithmetic', op: op.value, left, right: this.multiplicative(), start: left.start };
    }
    return left;
  }

  private multiplicative(): ConstraintNode {
    let left = this.unary();
    while (this.isOp('*', '/')) {
      const op = this.next() as { value: '*' | '/' };
      left = { kind: 'arithmetic', op: op.value, left, right: this.unary(), start: left.start };
    }
    return left;
  }

  private unary(): ConstraintNode {
    if (this.isOp('-', '+')) {
      const t = this.next() as { value: string; start: number };
      const operand = this.unary();
      return t.value === '-' ? { kind: 'negate', operand, start: t.start } : operand;
    }
    return this.power();
  }

  private power(): ConstraintNode {
    const base = this.primary();
    if (this.isOp('^')) {
      this.next();
      // Right-associative, and the exponent may carry a sign: 2^-1, a^b^c = a^(b^c).
      return { kind: 'arithmetic', op: '^', left: base, right: this.unary(), start: base.start };
    }
    return base;
  }

  private primary(): ConstraintNode {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { kind: 'number', value: t.value, start: t.start };
      case 'string':
        return { kind: 'string', value: t.value, start: t.start };
      case 'name':
        if (!t.quoted && KEYWORDS.has(t.value.toLowerCase())) {
          throw new ConstraintError(
            `expected a value ${this.at(t.start)}, found the keyword '${t.value}' (a column with this name is written in backticks)`,
            t.start,
          );
        }
        if (!this.columns.includes(t.value)) this.columns.push(t.value);
        return { kind: 'column', name: t.value, start: t.start };
      case 'op':
        if (t.value === '(') {
          const inner = this.or();
          const close = this.next();
          if (close.kind !== 'op' || close.value !== ')') {
            throw new ConstraintError(
              `expected ')' ${this.at(close.start)} to close the '(' ${this.at(t.start)}, found ${describe(close)}`,
              close.start,
            );
          }
          return inner;
        }
        throw new ConstraintError(`expected a value ${this.at(t.start)}, found ${describe(t)}`, t.start);
      case 'end':
        throw new ConstraintError(
          this.text.trim() === ''
            ? 'the constraint is empty'
            : `the constraint ends too early: expected a value`,
          t.start,
        );
    }
  }
}

/** Parses a constraint; throws ConstraintError with the position of the first problem. Pure. */
export function parseConstraint(text: string): ParsedConstraint {
  const parser = new Parser(text, tokenize(text));
  const root = parser.parse();
  return { text, root, columns: parser.columns };
}

type ValueType = 'number' | 'boolean' | 'string' | 'level';
type NumberFn = (numeric: Float64Array, codes: Int32Array) => number;
type BoolFn = ConstraintPredicate;

type Compiled =
  | { type: 'number'; fn: NumberFn; node: ConstraintNode }
  | { type: 'boolean'; fn: BoolFn; node: ConstraintNode }
  | { type: 'string'; value: string; node: ConstraintNode }
  | { type: 'level'; slot: number; levels: readonly string[]; name: string; node: ConstraintNode };

const TYPE_NAMES: Record<ValueType, string> = {
  number: 'a number',
  boolean: 'a condition',
  string: 'a text',
  level: 'a categorical column',
};

function compareNumbers(op: ComparisonOperator, a: NumberFn, b: NumberFn): BoolFn {
  switch (op) {
    case '<=':
      return (x, c) => a(x, c) <= b(x, c);
    case '<':
      return (x, c) => a(x, c) < b(x, c);
    case '>=':
      return (x, c) => a(x, c) >= b(x, c);
    case '>':
      return (x, c) => a(x, c) > b(x, c);
    case '==':
      return (x, c) => a(x, c) === b(x, c);
    case '!=':
      return (x, c) => {
        const u = a(x, c);
        const v = b(x, c);
        return u === u && v === v && u !== v; // NaN compares false both ways
      };
  }
}

class Compiler {
  constructor(
    private readonly text: string,
    private readonly resolve: (name: string) => ConstraintColumn | undefined,
    private readonly known: readonly string[],
  ) {}

  private at(node: ConstraintNode): string {
    return `at character ${characterAt(this.text, node.start)}`;
  }

  private expect(c: Compiled, type: 'number', what: string): NumberFn;
  private expect(c: Compiled, type: 'boolean', what: string): BoolFn;
  private expect(c: Compiled, type: 'number' | 'boolean', what: string): NumberFn | BoolFn {
    if (c.type === type) return c.fn;
    const found = c.type === 'level' ? `the categorical column '${c.name}'` : TYPE_NAMES[c.type];
    throw new ConstraintError(
      `${what} ${this.at(c.node)} needs ${TYPE_NAMES[type]}, found ${found}`,
      c.node.start,
    );
  }

  compile(node: ConstraintNode): Compiled {
    switch (node.kind) {
      case 'number': {
        const v = node.value;
        return { type: 'number', fn: () => v, node };
      }
      case 'string':
        return { type: 'string', value: node.value, node };
      case 'column': {
        const col = this.resolve(node.name);
        if (col === undefined) {
          const list =
            this.known.length === 0
              ? ''
              : `; known columns: ${this.known.slice(0, MAX_LISTED_COLUMNS).join(', ')}${this.known.length > MAX_LISTED_COLUMNS ? ', …' : ''}`;
          throw new ConstraintError(`unknown column '${node.name}' ${this.at(node)}${list}`, node.start);
        }
        if (col.kind === 'categorical') {
          return { type: 'level', slot: col.slot, levels: col.levels, name: node.name, node };
        }
        const slot = col.slot;
        return { type: 'number', fn: (x) => x[slot]!, node };
      }
      case 'negate': {
        const f = this.expect(this.compile(node.operand), 'number', "'-'");
        return { type: 'number', fn: (x, c) => -f(x, c), node };
      }
      case 'arithmetic': {
        const a = this.expect(this.compile(node.left), 'number', `'${node.op}'`);
        const b = this.expect(this.compile(node.right), 'number', `'${node.op}'`);
        const fn: NumberFn =
          node.op === '+'
            ? (x, c) => a(x, c) + b(x, c)
            : node.op === '-'
              ? (x, c) => a(x, c) - b(x, c)
              : node.op === '*'
                ? (x, c) => a(x, c) * b(x, c)
                : node.op === '/'
                  ? (x, c) => a(x, c) / b(x, c)
                  : (x, c) => a(x, c) ** b(x, c);
        return { type: 'number', fn, node };
      }
      case 'compare': {
        const operands = node.operands.map((o) => this.compile(o));
        const links: BoolFn[] = node.ops.map((op, k) => this.link(op, operands[k]!, operands[k + 1]!));
        const fn: BoolFn =
          links.length === 1
            ? links[0]!
            : (x, c) => {
                for (const l of links) if (!l(x, c)) return false;
                return true;
              };
        return { type: 'boolean', fn, node };
      }
      case 'logical': {
        const word = `'${node.op}'`;
        const a = this.expect(this.compile(node.left), 'boolean', word);
        const b = this.expect(this.compile(node.right), 'boolean', word);
        const fn: BoolFn = node.op === 'and' ? (x, c) => a(x, c) && b(x, c) : (x, c) => a(x, c) || b(x, c);
        return { type: 'boolean', fn, node };
      }
      case 'not': {
        const f = this.expect(this.compile(node.operand), 'boolean', "'not'");
        return { type: 'boolean', fn: (x, c) => !f(x, c), node };
      }
    }
  }

  /** One comparison of a chain: numbers with numbers, or a categorical column with a text (== and != only). */
  private link(op: ComparisonOperator, left: Compiled, right: Compiled): BoolFn {
    if (left.type === 'number' && right.type === 'number') return compareNumbers(op, left.fn, right.fn);
    const level = left.type === 'level' ? left : right.type === 'level' ? right : null;
    const other = level === left ? right : left;
    if (level !== null && (other.type === 'string' || other.type === 'level')) {
      if (op !== '==' && op !== '!=') {
        throw new ConstraintError(
          `'${op}' ${this.at(level.node)} cannot order the categorical column '${level.name}'; use == or !=`,
          level.node.start,
        );
      }
      const equal = op === '==';
      if (other.type === 'string') {
        const code = level.levels.indexOf(other.value);
        if (code < 0) {
          throw new ConstraintError(
            `'${other.value}' ${this.at(other.node)} is not a level of '${level.name}' (levels: ${level.levels.slice(0, MAX_LISTED_COLUMNS).join(', ')})`,
            other.node.start,
          );
        }
        const slot = level.slot;
        return equal ? (_x, c) => c[slot] === code : (_x, c) => c[slot] !== code;
      }
      // Two categorical columns: equal when their level texts are equal.
      const map = level.levels.map((l) => other.levels.indexOf(l));
      const s1 = level.slot;
      const s2 = other.slot;
      return equal ? (_x, c) => map[c[s1]!] === c[s2] : (_x, c) => map[c[s1]!] !== c[s2];
    }
    const bad = left.type === 'number' ? right : left;
    const found = bad.type === 'level' ? `the categorical column '${bad.name}'` : TYPE_NAMES[bad.type];
    throw new ConstraintError(
      `'${op}' ${this.at(bad.node)} compares numbers, or a categorical column with a text in quotes; found ${found}`,
      bad.node.start,
    );
  }
}

/**
 * Compiles a parsed constraint for the columns `resolve` knows (`known` lists their names for messages).
 * Throws ConstraintError for an unknown column, a type mismatch (`x + 'a'`, `材料 < 3`), an unknown level, or an
 * expression that is not a condition. Pure; the predicate allocates nothing per call.
 */
export function compileConstraint(
  parsed: ParsedConstraint,
  resolve: (name: string) => ConstraintColumn | undefined,
  known: readonly string[],
): ConstraintPredicate {
  const compiled = new Compiler(parsed.text, resolve, known).compile(parsed.root);
  if (compiled.type !== 'boolean') {
    throw new ConstraintError(
      `the constraint must be a condition such as \`送り速度 * パス数 <= 9000\`, but it is ${TYPE_NAMES[compiled.type]}`,
      parsed.root.start,
    );
  }
  return compiled.fn;
}

/** A compiled arithmetic expression: its value for one candidate (NaN or ±Infinity when undefined). Pure. */
export type ArithmeticFunction = (numeric: Float64Array, codes: Int32Array) => number;

/**
 * Compiles a parsed expression that must be a number (`100 / feed * 60`), for the same columns as
 * compileConstraint. Throws ConstraintError for an unknown column, a type mismatch, or a condition.
 */
export function compileArithmetic(
  parsed: ParsedConstraint,
  resolve: (name: string) => ConstraintColumn | undefined,
  known: readonly string[],
): ArithmeticFunction {
  const compiled = new Compiler(parsed.text, resolve, known).compile(parsed.root);
  if (compiled.type !== 'number') {
    throw new ConstraintError(
      `the expression must be arithmetic such as \`100 / feed * 60\`, but it is ${TYPE_NAMES[compiled.type]}`,
      parsed.root.start,
    );
  }
  return compiled.fn;
}
