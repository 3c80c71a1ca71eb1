/** A few promise helpers over IndexedDB, the browser's store for what must survive a reload with no backend. */
const DB_NAME = 'zerosec-cache';
/** 2: adds `datasets` (what each upload was: name, size, columns, date). */
const DB_VERSION = 2;
export const STORES = ['jobs', 'results', 'artifacts', 'inputs', 'datasets'] as const;
export type StoreName = (typeof STORES)[number];

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      for (const name of STORES) {
        if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB could not be opened'));
    };
  });
  return opening;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

export async function idbGet<T>(store: StoreName, key: string): Promise<T | undefined> {
  const db = await openDb();
  return done(db.transaction(store).objectStore(store).get(key)) as Promise<T | undefined>;
}

export async function idbPut(store: StoreName, key: string, value: unknown): Promise<void> {
  const db = await openDb();
  await done(db.transaction(store, 'readwrite').objectStore(store).put(value, key));
}

export async function idbPutMany(store: StoreName, entries: readonly [string, unknown][]): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(store, 'readwrite');
  for (const [key, value] of entries) tx.objectStore(store).put(value, key);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
  });
}

export async function idbGetAll<T>(store: StoreName): Promise<T[]> {
  const db = await openDb();
  return done(db.transaction(store).objectStore(store).getAll()) as Promise<T[]>;
}

export function idbAvailable(): boolean {
  return typeof indexedDB !== 'undefined';
}

export async function idbDelete(store: StoreName, key: string): Promise<void> {
  const db = await openDb();
  await done(db.transaction(store, 'readwrite').objectStore(store).delete(key));
}
