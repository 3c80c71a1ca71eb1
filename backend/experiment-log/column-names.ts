/**
 * Which canonical column a name means. Headers in the files people fill in, names in filters and names in an
 * optimization design are all resolved the same way: trimmed, Unicode NFKC-normalised (full-width and
 * half-width forms are equal: `Ra(before)` and `Ｒａ（before）`), then matched against the profile's column names first,
 * its aliases second, and the derived columns' names. Case is kept: `ra` is not `Ra`.
 */
import type {
  ColumnType,
  DerivedColumn,
  DomainProfile,
  OneHotGroup,
  ProfileColumn,
} from '../../src-shared/logs/domain-profile.js';

/** The form two names are compared in. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim();
}

export interface ColumnIndex {
  /** The canonical column a name means, or null when the profile has none. */
  resolve(name: string): string | null;
  /** A profile column by canonical name. */
  column(name: string): ProfileColumn | undefined;
  /** A derived column by canonical name. */
  derived(name: string): DerivedColumn | undefined;
  /** A one-hot group by name (normalised like a column name). */
  group(name: string): OneHotGroup | undefined;
  /** How a canonical column's values are stored: derived columns are numbers, unknown names categories. */
  typeOf(name: string): ColumnType;
  /** Every canonical name: profile columns in order, then derived columns. */
  readonly names: readonly string[];
}

const cache = new WeakMap<DomainProfile, ColumnIndex>();

/** The name index of a profile (built once per profile object). */
export function columnIndex(profile: DomainProfile): ColumnIndex {
  const cached = cache.get(profile);
  if (cached !== undefined) return cached;
  const byName = new Map<string, string>();
  const byAlias = new Map<string, string>();
  const columns = new Map<string, ProfileColumn>();
  const derived = new Map<string, DerivedColumn>();
  const groups = new Map<string, OneHotGroup>();
  for (const c of profile.columns) {
    columns.set(c.name, c);
    if (!byName.has(normaliseName(c.name))) byName.set(normaliseName(c.name), c.name);
  }
  for (const d of profile.derived) {
    derived.set(d.name, d);
    if (!byName.has(normaliseName(d.name))) byName.set(normaliseName(d.name), d.name);
  }
  // Aliases after every name, so an alias never shadows another column's own name; the first alias wins.
  for (const c of profile.columns) {
    for (const alias of c.aliases) {
      if (!byAlias.has(normaliseName(alias))) byAlias.set(normaliseName(alias), c.name);
    }
  }
  for (const g of profile.one_hot_groups) groups.set(normaliseName(g.name), g);
  const names = [...profile.columns.map((c) => c.name), ...profile.derived.map((d) => d.name)];
  const index: ColumnIndex = {
    resolve(name) {
      const n = normaliseName(name);
      return byName.get(n) ?? byAlias.get(n) ?? null;
    },
    column: (name) => columns.get(name),
    derived: (name) => derived.get(name),
    group: (name) => groups.get(normaliseName(name)),
    typeOf(name) {
      const c = columns.get(name);
      if (c !== undefined) return c.type;
      return derived.has(name) ? 'number' : 'category';
    },
    names: [...new Set(names)],
  };
  cache.set(profile, index);
  return index;
}
