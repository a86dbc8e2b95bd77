// Writes the app's icons into public/ (committed; run again after changing scripts/app-icon.ts):
//   npx tsx scripts/make-icons.ts
// public/favicon.svg is drawn by hand to the same picture.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { iconFiles } from './app-icon';

for (const [file, bytes] of Object.entries(iconFiles())) {
  const path = join('public', file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  console.log(path);
}
