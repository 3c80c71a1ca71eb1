/**
 * `npm start`: opens the desktop app when Electron can run here, and otherwise serves the same UI to a
 * browser (web mode), so the app starts on a laptop, a headless server and CI alike.
 *
 * Environment: ZEROSEC_WEB=1 forces web mode; ZEROSEC_PORT picks the web-mode port (default 8710).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = path.join(root, 'node_modules', 'electron');
const INSTALL_TIMEOUT_MS = 60_000;
const READY_TIMEOUT_MS = 120_000;

function log(message) {
  console.log(`[0.00sec] ${message}`);
}

/** The Electron executable, or null when the package or its downloaded binary is missing. */
function electronBinary() {
  const pathFile = path.join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/** Why Electron cannot show a window here, or null when it can. */
function noDisplayReason() {
  if (process.platform !== 'linux') return null;
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null;
  return 'no display (DISPLAY and WAYLAND_DISPLAY are unset) / ディスプレイがありません';
}

/** Runs Electron's own installer once, with its output shown; true when the binary is there afterwards. */
function tryInstallElectron() {
  const installer = path.join(electronPackage, 'install.js');
  if (!existsSync(installer)) return false;
  log('The Electron binary is missing; trying to download it once (60 s at most) ...');
  log('Electron 本体がありません。ダウンロードを1回だけ試みます（最長60秒）…');
  const result = spawnSync(process.execPath, [installer], {
    cwd: electronPackage,
    stdio: 'inherit',
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (result.error) log(`Electron download failed: ${result.error.message}`);
  else if (result.status !== 0) log(`Electron download failed (exit code ${result.status}).`);
  return electronBinary() !== null;
}

/** Starts `command`, passes SIGINT/SIGTERM on to it, and exits with its exit code. */
function run(command, args) {
  // Own process group on POSIX, so Ctrl+C reaches the child once (through us), not twice.
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', detached: process.platform !== 'win32' });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  child.on('error', (error) => {
    console.error(`[0.00sec] could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

function startDesktop(electron) {
  const main = path.join(root, 'dist', 'src-main', 'main.js');
  if (!existsSync(main)) {
    console.error(`[0.00sec] ${path.relative(root, main)} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  log('Starting the desktop app ... / デスクトップアプリを起動しています…');
  // `.` runs package.json "main" (dist/src-main/main.js) with the app's name and version.
  run(electron, ['.']);
}

async function waitUntilReady(url, child) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(new URL('api/v1/health', url), { signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function startWeb(reason) {
  const port = process.env.ZEROSEC_PORT || '8710';
  const url = `http://127.0.0.1:${port}/`;
  log(`Web mode: ${reason}`);
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    log('dist/renderer is missing: run `npm run build` first, or the page will be empty.');
  }
  const child = run(process.execPath, [
    path.join(root, 'bin', 'zerosec.js'),
    'serve',
    '--mode',
    'all',
    '--host',
    '127.0.0.1',
    '--port',
    port,
  ]);
  if (await waitUntilReady(url, child)) {
    console.log(
      [
        '',
        `  0.00sec is running in web mode: ${url} (open it in a browser; Ctrl+C to stop)`,
        `  0.00sec を Web モードで起動しました: ${url} （ブラウザーで開いてください。Ctrl+C で停止）`,
        '',
      ].join('\n'),
    );
  } else if (child.exitCode === null) {
    log(`The backend did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s; still waiting for it.`);
  }
}

async function main() {
  if (process.env.ZEROSEC_WEB === '1') return startWeb('ZEROSEC_WEB=1');
  const noDisplay = noDisplayReason();
  if (noDisplay) return startWeb(noDisplay);
  const electron = electronBinary() ?? (tryInstallElectron() ? electronBinary() : null);
  if (!electron) return startWeb('the Electron binary is not available / Electron 本体がありません');
  return startDesktop(electron);
}

await main();
