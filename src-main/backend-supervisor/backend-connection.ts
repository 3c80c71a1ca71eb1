/**
 * Which backend the page talks to, decided in the shell: the embedded one (started on demand by the
 * supervisor) or a remote server from the settings. The page's CSP admits exactly that backend, so a change of
 * backend reloads the page under a new policy.
 */
import type { BackendInfo, BackendSettings, BackendStatus } from '../../src-shared/ipc/contract.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { BackendEndpoint } from './supervisor.js';

/** The parts of BackendSupervisor this module uses. */
export interface EmbeddedBackend {
  start(): Promise<BackendEndpoint>;
  current(): BackendEndpoint | null;
  status(): BackendStatus;
}

export class BackendConnection {
  constructor(
    private readonly embedded: EmbeddedBackend,
    private readonly settings: SettingsStore,
    /** Called after the chosen backend changed (the page must reload to get the new CSP). */
    private readonly onChange: () => void,
  ) {}

  mode(): BackendSettings['mode'] {
    return this.settings.get().backend.mode;
  }

  /** The backend for the page; for the embedded one this waits until it is healthy. */
  async current(): Promise<BackendInfo> {
    const chosen = this.settings.get().backend;
    if (chosen.mode === 'remote') return { url: chosen.url, token: chosen.token };
    const { url, token } = await this.embedded.start();
    return { url, token };
  }

  /** The URLs the page's connect-src allows now: the remote server, or the embedded backend once it listens. */
  allowedUrls(): string[] {
    const chosen = this.settings.get().backend;
    if (chosen.mode === 'remote') return [chosen.url];
    const running = this.embedded.current();
    return running ? [running.url] : [];
  }

  /** What the connection indicator shows for the shell's part. */
  status(): BackendStatus {
    return this.mode() === 'remote'
      ? { state: 'remote', restarts: 0, message: null }
      : this.embedded.status();
  }

  async choose(next: BackendSettings): Promise<void> {
    const before = JSON.stringify(this.settings.get().backend);
    await this.settings.update((s) => ({ ...s, backend: next }));
    if (JSON.stringify(next) === before) return;
    if (next.mode === 'embedded') await this.embedded.start();
    this.onChange();
  }
}
