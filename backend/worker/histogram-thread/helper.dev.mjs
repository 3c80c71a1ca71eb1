// Entry of the histogram helper thread when the backend runs from TypeScript source (tsx, vitest): registers
// the TypeScript loader inside the thread, then loads the real entry. Compiled builds use helper.js directly.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./helper.ts', import.meta.url).href);
