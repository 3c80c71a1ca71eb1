/**
 * Reads a job's zod parameter schema into field descriptions a form can render (kind, default, options, limits),
 * so the form follows the contract in src-shared instead of repeating it.
 */
import type { z } from 'zod';

export type FieldSpec =
  | { name: string; kind: 'boolean'; defaultValue: boolean }
  | { name: string; kind: 'enum'; options: string[]; defaultValue: string }
  | {
      name: string;
      kind: 'number';
      defaultValue: number;
      min: number | null;
      max: number | null;
      integer: boolean;
    }
  | { name: string; kind: 'enum-list'; options: string[]; defaultValue: string[] }
  | { name: string; kind: 'other' };

interface Def {
  type: string;
  innerType?: { _zod: { def: Def } } & Partial<NumberLimits>;
  defaultValue?: unknown;
  entries?: Record<string, string>;
  element?: { _zod: { def: Def } };
  options?: { _zod: { def: Def } }[];
}
interface NumberLimits {
  minValue: number | null;
  maxValue: number | null;
  isInt: boolean;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

export function describeField(name: string, schema: z.ZodType): FieldSpec {
  const outer = defOf(schema);
  if (outer.type !== 'default' || !outer.innerType) return { name, kind: 'other' };
  const inner = defOf(outer.innerType);
  const value = outer.defaultValue;
  switch (inner.type) {
    case 'boolean':
      return { name, kind: 'boolean', defaultValue: value as boolean };
    case 'enum':
      return {
        name,
        kind: 'enum',
        options: Object.values(inner.entries ?? {}),
        defaultValue: value as string,
      };
    case 'number': {
      const limits = outer.innerType as unknown as NumberLimits;
      return {
        name,
        kind: 'number',
        defaultValue: value as number,
        min: limits.minValue ?? null,
        max: limits.maxValue ?? null,
        integer: limits.isInt,
      };
    }
    case 'array': {
      const element = inner.element ? defOf(inner.element) : undefined;
      if (element?.type !== 'enum') return { name, kind: 'other' };
      return {
        name,
        kind: 'enum-list',
        options: Object.values(element.entries ?? {}),
        defaultValue: [...(value as string[])],
      };
    }
    case 'union': {
      // `model`: named choices or a free formula; the named choices become the options.
      const named = inner.options?.map(defOf).find((d) => d.type === 'enum');
      if (!named) return { name, kind: 'other' };
      return {
        name,
        kind: 'enum',
        options: Object.values(named.entries ?? {}),
        defaultValue: value as string,
      };
    }
    default:
      return { name, kind: 'other' };
  }
}

export function describeFields(shape: Record<string, z.ZodType>, names: readonly string[]): FieldSpec[] {
  return names.map((name) => describeField(name, shape[name]!));
}
