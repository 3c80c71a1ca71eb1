/**
 * Writes brush-deburring.csv, the "try with sample data" table: 30 runs of a brush-deburring study with a
 * seeded generator, so the file is the same on every machine. Run: `node resources/samples/make-brush-deburring.mjs`.
 * Wear and top-edge sag follow a plausible linear trend plus noise; values are rounded as a gauge would read them.
 */
import { writeFileSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';

let state = 20240611;
/** Park–Miller minimal standard generator in [0, 1). */
const random = () => {
  state = (state * 48271) % 2147483647;
  return (state - 1) / 2147483646;
};
const pick = (values) => values[Math.floor(random() * values.length)];
const noise = (sd) => sd * (random() + random() + random() - 1.5) * 2;
const round = (v, digits) => Number(v.toFixed(digits));

const header = ['回転速度', '送り速度', '切込量', '突出量', '載せ率', 'パス数', '摩耗量', '上面ダレ量'];
const lines = [header.join(',')];
for (let i = 0; i < 30; i++) {
  const rpm = pick([1200, 1500, 1800, 2100, 2400]);
  const feed = pick([300, 450, 600, 750]);
  const depth = pick([0.2, 0.3, 0.4, 0.5]);
  const protrusion = pick([15, 20, 25]);
  const load = pick([60, 70, 80, 90]);
  const passes = pick([1, 2, 3]);
  const wear =
    0.002 * rpm - 0.004 * feed + 6 * depth - 0.05 * protrusion + 0.03 * load + 0.8 * passes + noise(0.3);
  const sag =
    0.004 * rpm + 0.002 * feed + 12 * depth + 0.1 * protrusion + 0.02 * load + 1.5 * passes + noise(0.6);
  lines.push([rpm, feed, depth, protrusion, load, passes, round(wear, 3), round(sag, 2)].join(','));
}
const out = fileURLToPath(new URL('./brush-deburring.csv', import.meta.url));
writeFileSync(out, lines.join('\n') + '\n', 'utf8');
