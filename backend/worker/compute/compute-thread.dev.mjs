// Entry of a compute thread when the backend runs from TypeScript source (tsx, vitest): registers the
// TypeScript loader inside the thread, then loads the real entry. Compiled builds use compute-thread.js directly.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./compute-thread.ts', import.meta.url).href);
