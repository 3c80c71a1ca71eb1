// Copies what tsc does not emit next to the compiled backend: the SQL migrations.
import { cpSync } from 'node:fs';

cpSync('backend/migrations', 'dist/backend/migrations', { recursive: true });
