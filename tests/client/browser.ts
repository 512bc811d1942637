// A browser page for the client's code to run in Node: what it keeps across reloads (localStorage), its address (relative
// requests resolve against it, as a page's do), whether it believes it is online, and a reload, which evaluates the
// client's modules afresh over the same storage, as a new page of the same browser does.
// Plain Node rather than a DOM library: the code under test touches no DOM, only these four things of `window`.
import { vi } from "vitest";

const nodeFetch = globalThis.fetch;
const nodeNavigator = globalThis.navigator;

/** localStorage's contract, in memory: one per browser, shared by its successive pages. */
export class MemoryStorage {
  #items = new Map<string, string>();

  get length(): number {
    return this.#items.size;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  getItem(name: string): string | null {
    return this.#items.get(name) ?? null;
  }
  setItem(name: string, value: string): void {
    this.#items.set(name, String(value));
  }
  removeItem(name: string): void {
    this.#items.delete(name);
  }
  clear(): void {
    this.#items.clear();
  }
  /** What is kept, for assertions. */
  names(): string[] {
    return [...this.#items.keys()];
  }
}

/** The client's modules as one page loaded them: its own connection, its own store. */
export interface ClientModules {
  connection: typeof import("#client/net/connection.ts");
  store: typeof import("#client/store/table-store.ts");
}

export interface Page extends ClientModules {
  storage: MemoryStorage;
  /** Requests this page sent to its own origin, as "METHOD /path" in order. */
  requests: string[];
  /** The connection statuses the page went through, each change once. */
  statuses: string[];
  /** The browser's network indicator changes and tells the page (navigator.onLine, then the window's event). */
  setOnline(online: boolean): void;
}

/**
 * Opens a page at `origin` with this browser's storage (a new browser when left out): a fresh copy of the client's
 * modules, so nothing of a previous page survives but what the storage holds.
 */
export async function openPage(origin: string, storage = new MemoryStorage()): Promise<Page> {
  const location = new URL(origin);
  const window = Object.assign(new EventTarget(), { location, localStorage: storage });
  let online = true;
  const requests: string[] = [];
  vi.stubGlobal("window", window);
  vi.stubGlobal("localStorage", storage);
  vi.stubGlobal("navigator", Object.create(nodeNavigator, { onLine: { get: () => online } }) as Navigator);
  vi.stubGlobal("fetch", (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? new URL(input.url) : new URL(input, location.href);
    if (url.origin === location.origin) requests.push(`${init?.method ?? "GET"} ${url.pathname}`);
    return nodeFetch(url, init);
  });
  vi.resetModules();
  const connection = await import("#client/net/connection.ts");
  const store = await import("#client/store/table-store.ts");
  const statuses = [store.useTableStore.getState().connection.status as string];
  store.useTableStore.subscribe((state) => {
    if (state.connection.status !== statuses.at(-1)) statuses.push(state.connection.status);
  });
  return {
    connection,
    store,
    storage,
    requests,
    statuses,
    setOnline(value) {
      online = value;
      window.dispatchEvent(new Event(value ? "online" : "offline"));
    },
  };
}

/** Puts Node's own globals back (after each test). */
export function closeBrowsers(): void {
  vi.unstubAllGlobals();
}
