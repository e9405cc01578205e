// One promise per capability part: probed when first needed, shared by concurrent callers, kept
// once it succeeds, dropped when it fails (so a network blip is not remembered as "absent").
import type { CallOptions } from '@bio/core-http';
import { type Capabilities, type ProbeClients, probeApiVersions, probeMapr, probeSearchEngine } from '../capabilities.js';

type Part = keyof Capabilities;

const PROBES: { [K in Part]: (clients: ProbeClients, options: CallOptions) => Promise<Capabilities[K]> } = {
  apiVersions: probeApiVersions,
  mapr: probeMapr,
  searchEngine: probeSearchEngine,
};

export class CapabilityCache {
  readonly #clients: ProbeClients;
  readonly #known: Partial<Capabilities>;
  readonly #pending = new Map<Part, Promise<unknown>>();

  /** `known`: answers that need no probe (the public IDR's). */
  constructor(clients: ProbeClients, known: Partial<Capabilities> = {}) {
    this.#clients = clients;
    this.#known = known;
  }

  get<K extends Part>(part: K, options: CallOptions = {}, refresh = false): Promise<Capabilities[K]> {
    const cached = this.#pending.get(part) as Promise<Capabilities[K]> | undefined;
    if (cached !== undefined && !refresh) return cached;
    const known = this.#known[part];
    if (known !== undefined && !refresh) return Promise.resolve(known as Capabilities[K]);
    const pending = PROBES[part](this.#clients, options) as Promise<Capabilities[K]>;
    this.#pending.set(part, pending);
    pending.catch(() => {
      if (this.#pending.get(part) === pending) this.#pending.delete(part);
    });
    return pending;
  }

  /** A mapr route turned out to redirect to HTML: remember mapr as removed. */
  markMaprRemoved(): void {
    const current = this.#pending.get('mapr') as Promise<Capabilities['mapr']> | undefined;
    if (current)
      this.#pending.set(
        'mapr',
        current.then((m) => ({ ...m, status: 'removed' as const })),
      );
  }
}
