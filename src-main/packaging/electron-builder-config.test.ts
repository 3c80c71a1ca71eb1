/**
 * Checks electron-builder.yml as far as this machine allows (packaging itself needs Electron's binary and the
 * network): required keys, the targets and installer options the issue asks for, and that every key is one the
 * pinned electron-builder's own JSON schema knows (a typo would otherwise only fail on a packaging machine).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

interface Schema {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties?: Record<string, unknown> }>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
type Section = Record<string, unknown>;
interface BuilderConfig extends Section {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  extraResources: Section[];
  fileAssociations: Section[];
  publish: Section[];
  linux: Section & { target: unknown };
  win: Section & { target: Section[] };
  nsis: Section & { installerLanguages: string[] };
  mac: Section & { target: Section[] };
  dmg: Section;
}
const config = parse(readFileSync(`${root}electron-builder.yml`, 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as Schema;

const keysOf = (definition: string) => Object.keys(schema.definitions[definition]?.properties ?? {});

describe('electron-builder.yml', () => {
  it('names the app and uses only keys the pinned electron-builder knows', () => {
    expect(config.appId).toBe('jp.zerosec.app');
    expect(config.productName).toBe('0.00sec');
    const known = Object.keys(schema.properties);
    for (const key of Object.keys(config)) expect(known, key).toContain(key);
    for (const [section, definition] of [
      ['nsis', 'NsisOptions'],
      ['mac', 'MacConfiguration'],
      ['linux', 'LinuxConfiguration'],
      ['win', 'WindowsConfiguration'],
      ['dmg', 'DmgOptions'],
    ] as const) {
      for (const key of Object.keys(config[section] as Section))
        expect(keysOf(definition), `${section}.${key}`).toContain(key);
    }
    for (const key of Object.keys(config.fileAssociations[0]!))
      expect(keysOf('FileAssociation')).toContain(key);
  });

  it('builds AppImage + deb, a per-user NSIS installer in Japanese and English, and a dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target[0]!.target).toBe('nsis');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, multiLanguageInstaller: true });
    expect(config.nsis.installerLanguages).toEqual(['ja_JP', 'en_US']);
    expect(config.mac.target[0]!.target).toBe('dmg');
  });

  it('packs into asar with PGlite’s WebAssembly unpacked and the samples beside the app', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/pglite\/dist\/\*\.wasm$/),
        expect.stringMatching(/\*\.data$/),
      ]),
    );
    expect(config.extraResources).toEqual([
      expect.objectContaining({ from: 'resources/samples', to: 'samples' }),
    ]);
    expect(config.files).toContain('dist/**/*');
    expect(pkg.main).toBe('dist/src-main/main.js');
  });

  it('offers itself for .csv as a viewer without taking over the default', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'csv', role: 'Viewer', rank: 'Alternate' }),
    ]);
  });

  it('has auto-update configured but never publishes from `npm run dist`', () => {
    expect(config.publish[0]!.provider).toBe('generic');
    expect(pkg.scripts.dist).toMatch(/electron-builder .*--publish never/);
    expect(pkg.dependencies).not.toHaveProperty('electron-updater');
  });
});
