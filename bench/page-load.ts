// Page benchmark: what a phone downloads and waits for when it opens a table's link, and what one « oui, et… »
// re-renders on a 40-step table. Benchmark figures written to a file, not timed assertions.
// Run: npm run bench:page   (node bench/page-load.ts)
//
// Two trees are measured in the same run, side by side: the working tree ("current") and the tree at
// PAGE_BASELINE (default 697686e, before issue 8), checked out in a temporary `git worktree` (removed afterwards).
// Each is built by Vite into a temporary folder and served by its own `node server/main.ts` (SQLite in a temp folder,
// LOG_LEVEL=warn; the table and join pace limits raised so that the seeding is quick — nothing measured depends on
// them). Each server gets the same table, seeded through the public API by tests/seed-table.ts: 12 people, 40
// narrated steps, « oui, et… », reactions, phase "play".
//
// Chromium (/usr/bin/chromium, Playwright), a fresh browser context for every run (cold cache), a 390×844 viewport,
// and through the DevTools protocol:
//   - network: Chrome DevTools' "Fast 4G" preset, its exact figures (Fast4GConditions in
//     ChromeDevTools/devtools-frontend front_end/core/sdk/NetworkManager.ts, read at commit
//     00d120bf0e61feb60bf7c31cf879454577904b77): download 9 Mbps × 0.9 = 1,012,500 B/s, upload 1.5 Mbps × 0.9 =
//     168,750 B/s, latency 60 ms × 2.75 = 165 ms (Network.emulateNetworkConditions);
//   - CPU: 4× slowdown (Emulation.setCPUThrottlingRate).
// Measured:
//   (a) the join page (participant link, until the join form shows and the network is idle, nothing touched):
//       JavaScript bytes on the wire as served (headers included), uncompressed, and gzip (level 6, what this server
//       sends a gzip-only browser; computed from the built files);
//   (b) link → seated, PAGE_RUNS runs per tree (default 7) alternating the trees: open the participant link, fill the
//       name and the role (and pick « Société civile » on the actor map where the form asks it), click « Rejoindre la
//       table », until the heading « Le chemin » is on screen
//       (performance.now() in the page, from navigation start); median, min, max, and the bytes loaded by then;
//   (c) re-renders when another participant adds a « oui, et… » to step 30 (PAGE_PATCHES times): through the React
//       DevTools global hook (addInitScript), each commit's fibers that performed work (flags & 1, in subtrees React
//       did not skip); a fiber counts for a step when its nearest host element is the step's list item
//       (li[data-step-id], or the li holding the article « Étape N : … » on trees without data-step-id). Reported:
//       step list items re-rendered (strict), steps with anything re-rendered inside, and all components rendered.
// Writes bench/results/page-load.md and bench/results/page-load.json. Settings (environment): PAGE_RUNS=7,
// PAGE_PATCHES=3, PAGE_BASELINE=697686e, PAGE_PORT (two consecutive ports), PAGE_KEEP_TMP=1 (keep the temp folder).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type CDPSession, type Page } from "@playwright/test";
import { seedTable, type SeededTable } from "#tests/seed-table.ts";
import { envNumber } from "./bench-server.ts";

const root = path.resolve(import.meta.dirname, "..");
const num = (name: string, fallback: number): number => envNumber(name, fallback);

const SETTINGS = {
  runs: num("PAGE_RUNS", 7),
  patches: num("PAGE_PATCHES", 3),
  baseline: process.env.PAGE_BASELINE ?? "697686e",
  port: num("PAGE_PORT", 20_000 + Math.floor(Math.random() * 20_000)),
  participants: 12,
  steps: 40,
  viewport: { width: 390, height: 844 },
};

/** Chrome DevTools' "Fast 4G" (see the header for where these come from). */
const FAST_4G = {
  offline: false,
  latency: 60 * 2.75,
  downloadThroughput: ((9 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((1.5 * 1000 * 1000) / 8) * 0.9,
};
const CPU_SLOWDOWN = 4;

// Nothing here may hang the command.
setTimeout(() => {
  console.error("page benchmark stopped: it ran for more than 15 minutes");
  process.exit(1);
}, 15 * 60_000).unref();

const started = new Date();
const loadAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
const tmp = mkdtempSync(path.join(os.tmpdir(), "page-bench-"));
const children: ChildProcess[] = [];
let worktree: string | null = null;

function cleanUp(): void {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  if (worktree) {
    try {
      execFileSync("git", ["worktree", "remove", "--force", worktree], { cwd: root, stdio: "ignore" });
    } catch {
      // removed below with the temp folder; `git worktree prune` forgets it
    }
    try {
      execFileSync("git", ["worktree", "prune"], { cwd: root, stdio: "ignore" });
    } catch {
      // nothing to prune
    }
  }
  if (process.env.PAGE_KEEP_TMP !== "1") rmSync(tmp, { recursive: true, force: true });
}
process.on("SIGINT", () => {
  cleanUp();
  process.exit(130);
});

// ---------------------------------------------------------------------------------------------------------------------
// The two trees, built and served.

interface Tree {
  name: "baseline" | "current";
  label: string;
  dir: string;
  dist: string;
  url: string;
  server?: ChildProcess;
  table?: SeededTable;
  /** The join form asks for a zone of the actor map (issue 11). */
  asksZone?: boolean;
}

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
}

function build(tree: Tree): void {
  const vite = path.join(tree.dir, "node_modules", "vite", "bin", "vite.js");
  execFileSync(process.execPath, [vite, "build", "--outDir", tree.dist, "--emptyOutDir", "--logLevel", "warn"], {
    cwd: tree.dir,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function serve(tree: Tree, port: number): Promise<void> {
  const dataDir = path.join(tmp, `data-${tree.name}`);
  mkdirSync(dataDir);
  const child = spawn(process.execPath, ["server/main.ts"], {
    cwd: tree.dir,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      CLIENT_DIR: tree.dist,
      LOG_LEVEL: "warn",
      LIMIT_TABLE_ACTIONS_PER_SECOND: "1000",
      LIMIT_ACTIONS_PER_SECOND: "1000",
      LIMIT_JOINS_PER_MINUTE: "1000",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  tree.server = child;
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the ${tree.name} server exited: ${stderr}`);
    try {
      if ((await fetch(`${tree.url}/api/decks`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the ${tree.name} server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// One page in a fresh context, throttled, with its network traffic counted.

interface Transfer {
  url: string;
  type: string;
  encoding: string;
  /** Bytes on the wire, response headers included (Network.loadingFinished). */
  wire: number;
  /** Bytes of the body once decoded. */
  decoded: number;
}

interface Session {
  page: Page;
  cdp: CDPSession;
  transfers: Map<string, Transfer>;
  close(): Promise<void>;
}

async function openPage(browser: Browser, throttled: boolean, initScript?: string): Promise<Session> {
  const context = await browser.newContext({ viewport: SETTINGS.viewport, locale: "fr-FR" });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const transfers = new Map<string, Transfer>();
  await cdp.send("Network.enable");
  cdp.on("Network.responseReceived", (event) => {
    const encoding =
      Object.entries(event.response.headers).find(([name]) => name.toLowerCase() === "content-encoding")?.[1] ?? "";
    transfers.set(event.requestId, {
      url: event.response.url,
      type: event.type,
      encoding: String(encoding),
      wire: 0,
      decoded: 0,
    });
  });
  cdp.on("Network.dataReceived", (event) => {
    const transfer = transfers.get(event.requestId);
    if (transfer) transfer.decoded += event.dataLength;
  });
  cdp.on("Network.loadingFinished", (event) => {
    const transfer = transfers.get(event.requestId);
    if (transfer) transfer.wire = event.encodedDataLength;
  });
  if (throttled) {
    await cdp.send("Network.emulateNetworkConditions", FAST_4G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  }
  return { page, cdp, transfers, close: () => context.close() };
}

interface ScriptBytes {
  files: number;
  wire: number;
  decoded: number;
  gzip: number;
  encodings: string[];
}

const gzipCache = new Map<string, number>();
/** The gzip size (level 6) of a built file, read from the tree's dist folder. */
function gzipSize(tree: Tree, url: string): number {
  const file = path.join(tree.dist, new URL(url).pathname);
  const cached = gzipCache.get(file);
  if (cached !== undefined) return cached;
  const size = gzipSync(readFileSync(file), { level: 6 }).length;
  gzipCache.set(file, size);
  return size;
}

function scripts(tree: Tree, transfers: Iterable<Transfer>): ScriptBytes {
  const js = [...transfers].filter((t) => t.type === "Script" && t.url.startsWith(tree.url));
  return {
    files: js.length,
    wire: js.reduce((n, t) => n + t.wire, 0),
    decoded: js.reduce((n, t) => n + t.decoded, 0),
    gzip: js.reduce((n, t) => n + gzipSize(tree, t.url), 0),
    encodings: [...new Set(js.map((t) => t.encoding || "identity"))],
  };
}

function allBytes(transfers: Iterable<Transfer>): number {
  return [...transfers].reduce((n, t) => n + t.wire, 0);
}

const nameBox = (page: Page) => page.getByRole("textbox", { name: "Votre nom" });
const roleBox = (page: Page) => page.getByRole("textbox", { name: /Qui êtes-vous/ });
const joinButton = (page: Page) => page.getByRole("button", { name: /^Rejoindre la table/ });
const zoneRadio = (page: Page) => page.getByRole("radio", { name: "Société civile", exact: true });
/** Where one stands on the kit's actor map (issue 11), on trees whose form asks it (seen once, on the join page). */
async function pickZone(page: Page, tree: Tree): Promise<void> {
  if (tree.asksZone) await zoneRadio(page).check();
}

/** Resolves with performance.now() in the page (ms since navigation start) once « Le chemin » is on screen. */
async function pathShownAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      // The path's heading (« Le chemin », followed on the board by its number of steps).
      const heading = [...document.querySelectorAll("h1, h2, h3")].find((h) =>
        /^Le chemin\b/.test(h.textContent?.trim() ?? ""),
      );
      return heading && heading.getClientRects().length > 0 ? performance.now() : false;
    },
    null,
    { polling: "raf", timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

// ---------------------------------------------------------------------------------------------------------------------
// (a) The join page.

async function joinPageBytes(browser: Browser, tree: Tree) {
  const table = tree.table as SeededTable;
  const session = await openPage(browser, true);
  try {
    await session.page.goto(table.participantLink);
    await nameBox(session.page).waitFor({ state: "visible", timeout: 60_000 });
    await session.page.waitForLoadState("networkidle", { timeout: 60_000 });
    tree.asksZone = (await zoneRadio(session.page).count()) > 0;
    const js = scripts(tree, session.transfers.values());
    return { ...js, allWire: allBytes(session.transfers.values()) };
  } finally {
    await session.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// (b) Link → seated.

let visitor = 0;
async function linkToSeated(browser: Browser, tree: Tree) {
  const table = tree.table as SeededTable;
  const session = await openPage(browser, true);
  const { page } = session;
  try {
    visitor += 1;
    await page.goto(table.participantLink, { waitUntil: "commit" });
    const shown = pathShownAt(page);
    await nameBox(page).fill(`Visiteur ${visitor}`);
    await roleBox(page).fill("Habitant·e");
    await pickZone(page, tree);
    await joinButton(page).click();
    const ms = await shown;
    return { ms, js: scripts(tree, session.transfers.values()), allWire: allBytes(session.transfers.values()) };
  } finally {
    await session.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// (c) Re-renders for one « oui, et… ».

/** Installed before the app loads: a minimal React DevTools hook that counts, per commit, the components rendered. */
const RENDER_PROBE = `(() => {
  const probe = { commits: 0, components: 0, stepItems: new Set(), stepsTouched: new Set(), stepItemRenders: 0, lastCommit: 0 };
  window.__pageBenchProbe = probe;
  const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]);
  const HOST = 5;
  const stepOf = (el) => el && el.getAttribute && (el.getAttribute("data-step-id") || el.getAttribute("data-bench-step"));
  const firstHost = (fiber) => {
    const stack = [fiber.child];
    while (stack.length) {
      const f = stack.shift();
      if (!f) continue;
      if (f.tag === HOST) return f.stateNode;
      if (f.child) stack.unshift(f.child);
      if (f.sibling) stack.push(f.sibling);
      if (stack.length > 5000) return null;
    }
    return null;
  };
  const visit = (fiber) => {
    const previous = fiber.alternate;
    const rendered = COMPONENT_TAGS.has(fiber.tag) && (previous === null || (fiber.flags & 1) === 1);
    if (rendered && probe.counting) {
      probe.components += 1;
      const host = firstHost(fiber);
      const own = stepOf(host);
      if (own) { probe.stepItems.add(own); probe.stepItemRenders += 1; }
      const around = host && host.closest ? host.closest("[data-step-id], [data-bench-step]") : null;
      const inside = stepOf(around);
      if (inside) probe.stepsTouched.add(inside);
    }
    // A subtree React skipped keeps the previous children: nothing in it rendered.
    if (previous !== null && fiber.child === previous.child) return;
    for (let child = fiber.child; child; child = child.sibling) visit(child);
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    renderers: new Map(),
    supportsFiber: true,
    isDisabled: false,
    inject(renderer) { const id = this.renderers.size + 1; this.renderers.set(id, renderer); return id; },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      probe.lastCommit = performance.now();
      if (!probe.counting) return;
      probe.commits += 1;
      const current = root.current;
      for (let child = current.child; child; child = child.sibling) visit(child);
    },
  };
})();`;

interface RenderCount {
  commits: number;
  components: number;
  stepItemsRendered: number;
  stepItemRenders: number;
  stepsTouched: number;
  marker: string;
}

async function rerenders(browser: Browser, tree: Tree): Promise<RenderCount[]> {
  const table = tree.table as SeededTable;
  const session = await openPage(browser, false, RENDER_PROBE);
  const { page } = session;
  const counts: RenderCount[] = [];
  try {
    await page.goto(table.participantLink);
    await nameBox(page).fill("Observatrice des rendus");
    await roleBox(page).fill("Habitante");
    await pickZone(page, tree);
    await joinButton(page).click();
    await pathShownAt(page);
    await page.waitForFunction(
      (n) => document.querySelectorAll("article[aria-label^='Étape ']").length >= n,
      SETTINGS.steps,
      {
        timeout: 30_000,
      },
    );
    const target = table.stepIds[29] as string;
    for (let i = 0; i < SETTINGS.patches; i += 1) {
      // Mark each step's list item (the DOM contract: an li holding the article « Étape N : … ») for trees whose
      // items carry no data-step-id; let the page settle; then count from the next commit on.
      const marker = await page.evaluate(() => {
        let dataStepIds = 0;
        for (const article of document.querySelectorAll("article[aria-label^='Étape ']")) {
          const item = article.closest("li");
          const number = /^Étape (\d+)/.exec(article.getAttribute("aria-label") ?? "")?.[1];
          if (!item || !number) continue;
          if (item.hasAttribute("data-step-id")) dataStepIds += 1;
          else item.setAttribute("data-bench-step", number);
        }
        return dataStepIds > 0 ? "li[data-step-id]" : "li holding « Étape N : … »";
      });
      await settle(page);
      await page.evaluate(() => {
        const probe = (window as unknown as { __pageBenchProbe: Record<string, unknown> }).__pageBenchProbe;
        Object.assign(probe, {
          counting: true,
          commits: 0,
          components: 0,
          stepItems: new Set(),
          stepsTouched: new Set(),
          stepItemRenders: 0,
        });
      });
      const author = 3 + (i % (SETTINGS.participants - 3));
      await table.act(author, {
        type: "contribute",
        stepId: target,
        kind: "yesAnd",
        text: `Oui, et c'est la ${i + 1}ᵉ idée du groupe sur cette étape.`,
      });
      await page.waitForFunction(
        () => (window as unknown as { __pageBenchProbe: { commits: number } }).__pageBenchProbe.commits > 0,
        null,
        {
          timeout: 10_000,
        },
      );
      await settle(page);
      const count = await page.evaluate(() => {
        const probe = (
          window as unknown as {
            __pageBenchProbe: Record<string, unknown> & { stepItems: Set<string>; stepsTouched: Set<string> };
          }
        ).__pageBenchProbe;
        probe.counting = false;
        return {
          commits: probe.commits as number,
          components: probe.components as number,
          stepItemsRendered: probe.stepItems.size,
          stepItemRenders: probe.stepItemRenders as number,
          stepsTouched: probe.stepsTouched.size,
        };
      });
      counts.push({ ...count, marker });
    }
    return counts;
  } finally {
    await session.close();
  }
}

/** Waits until React has committed nothing for 600 ms. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      performance.now() -
        (window as unknown as { __pageBenchProbe: { lastCommit: number } }).__pageBenchProbe.lastCommit >
      600,
    null,
    { polling: 100, timeout: 20_000 },
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// Figures.

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (value: number) => `${Math.round(value)} ms`;

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    model: cpus[0]?.model.trim() ?? "unknown",
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

async function main(): Promise<void> {
  const baselineCommit = git("rev-parse", "--short", SETTINGS.baseline);
  const currentCommit = git("rev-parse", "--short", "HEAD");
  const dirty = git("status", "--porcelain").length > 0;
  worktree = path.join(tmp, "baseline");
  git("worktree", "add", "--detach", worktree, SETTINGS.baseline);
  symlinkSync(path.join(root, "node_modules"), path.join(worktree, "node_modules"));

  const trees: Tree[] = [
    {
      name: "baseline",
      label: `${baselineCommit} (before issue 8)`,
      dir: worktree,
      dist: path.join(tmp, "dist-baseline"),
      url: `http://127.0.0.1:${SETTINGS.port}`,
    },
    {
      name: "current",
      label: `${currentCommit}${dirty ? " + working tree" : ""}`,
      dir: root,
      dist: path.join(tmp, "dist-current"),
      url: `http://127.0.0.1:${SETTINGS.port + 1}`,
    },
  ];
  console.log(`building ${trees.map((t) => t.label).join(" and ")}…`);
  for (const tree of trees) build(tree);
  await Promise.all(trees.map((tree, i) => serve(tree, SETTINGS.port + i)));
  for (const tree of trees) {
    const t0 = Date.now();
    tree.table = await seedTable({
      baseUrl: tree.url,
      participants: SETTINGS.participants,
      steps: SETTINGS.steps,
      phase: "play",
    });
    console.log(
      `${tree.name}: seeded ${SETTINGS.steps} steps and ${SETTINGS.participants} people in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const chromiumVersion = browser.version();
  const results: Record<
    Tree["name"],
    {
      joinPage?: Awaited<ReturnType<typeof joinPageBytes>>;
      runs: Awaited<ReturnType<typeof linkToSeated>>[];
      renders?: RenderCount[];
    }
  > = {
    baseline: { runs: [] },
    current: { runs: [] },
  };
  try {
    for (const tree of trees) {
      results[tree.name].joinPage = await joinPageBytes(browser, tree);
      console.log(`${tree.name}: join page ${kb(results[tree.name].joinPage?.wire ?? 0)} of JavaScript on the wire`);
    }
    // Alternating, so that both trees see the same moments of a shared machine.
    for (let run = 0; run < SETTINGS.runs; run += 1) {
      for (const tree of run % 2 ? [...trees].reverse() : trees) {
        const figures = await linkToSeated(browser, tree);
        results[tree.name].runs.push(figures);
        console.log(`${tree.name}: run ${run + 1}: link → seated ${ms(figures.ms)}`);
      }
    }
    for (const tree of trees) {
      results[tree.name].renders = await rerenders(browser, tree);
      console.log(`${tree.name}: re-renders ${JSON.stringify(results[tree.name].renders)}`);
    }
  } finally {
    await browser.close();
    for (const tree of trees) await tree.table?.close();
  }

  // ——— The report ———
  const summary = trees.map((tree) => {
    const r = results[tree.name];
    const times = r.runs.map((x) => x.ms);
    const renders = r.renders ?? [];
    return {
      tree: tree.name,
      label: tree.label,
      joinPage: r.joinPage,
      linkToSeated: {
        medianMs: Math.round(median(times)),
        minMs: Math.round(Math.min(...times)),
        maxMs: Math.round(Math.max(...times)),
        runsMs: times.map(Math.round),
        jsWireMedian: Math.round(median(r.runs.map((x) => x.js.wire))),
        jsGzipMedian: Math.round(median(r.runs.map((x) => x.js.gzip))),
        jsDecodedMedian: Math.round(median(r.runs.map((x) => x.js.decoded))),
        allWireMedian: Math.round(median(r.runs.map((x) => x.allWire))),
      },
      rerenders: {
        marker: renders[0]?.marker ?? "",
        perPatch: renders,
        stepItemsRenderedMedian: median(renders.map((x) => x.stepItemsRendered)),
        stepsTouchedMedian: median(renders.map((x) => x.stepsTouched)),
        componentsMedian: median(renders.map((x) => x.components)),
      },
    };
  });
  const report = {
    date: started.toISOString(),
    command: "npm run bench:page (node bench/page-load.ts)",
    machine: { ...machine(), chromium: chromiumVersion },
    settings: {
      ...SETTINGS,
      network: {
        preset: "Chrome DevTools Fast 4G",
        ...FAST_4G,
        source:
          "ChromeDevTools/devtools-frontend front_end/core/sdk/NetworkManager.ts (Fast4GConditions) @ 00d120bf0e61feb60bf7c31cf879454577904b77",
      },
      cpuSlowdown: CPU_SLOWDOWN,
    },
    results: summary,
  };
  const outDir = path.join(import.meta.dirname, "results");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, "page-load.json"), `${JSON.stringify(report, null, 2)}\n`);

  const m = report.machine;
  const rows = summary.map((s) => {
    const j = s.joinPage;
    const l = s.linkToSeated;
    const r = s.rerenders;
    return `| ${s.tree}: ${s.label} | ${kb(j?.wire ?? 0)} (${j?.encodings.join(", ")}) | ${kb(j?.gzip ?? 0)} | ${kb(j?.decoded ?? 0)} | ${j?.files ?? 0} | **${ms(l.medianMs)}** | ${ms(l.minMs)} – ${ms(l.maxMs)} | ${kb(l.jsWireMedian)} / ${kb(l.jsGzipMedian)} | **${r.stepItemsRenderedMedian}** | ${r.stepsTouchedMedian} | ${r.componentsMedian} |`;
  });
  const md = `# Page benchmark: the join page, link → seated, and what one « oui, et… » re-renders

- Date: ${report.date}
- Command: \`npm run bench:page\` (\`node bench/page-load.ts\`)
- Machine: ${m.cores} × ${m.model}, ${m.memoryGB} GB, ${m.os}, Node ${m.node}, Chromium ${m.chromium}; load average (1 / 5 / 15 min) at the start ${m.loadAverageAtStart.join(" / ")}, at the end ${m.loadAverageAtEnd.join(" / ")} (the machine is shared: timings move with its load; the two trees are measured side by side to compare them under the same load)
- Trees: baseline ${summary[0]?.label} and current ${summary[1]?.label}, each built by Vite and served by its own \`node server/main.ts\`, measured in the same run (link → seated runs alternate between them).
- Table: seeded through the public API by \`tests/seed-table.ts\` — ${SETTINGS.participants} people, ${SETTINGS.steps} narrated steps, « oui, et… » and reactions, phase « Jeu ».
- Browser: Chromium with Playwright, a fresh context per run (cold cache), viewport ${SETTINGS.viewport.width}×${SETTINGS.viewport.height}; network throttled to Chrome DevTools' **Fast 4G** preset (${FAST_4G.downloadThroughput.toLocaleString("en")} B/s down, ${FAST_4G.uploadThroughput.toLocaleString("en")} B/s up, ${FAST_4G.latency} ms latency: \`Fast4GConditions\` in ChromeDevTools/devtools-frontend \`front_end/core/sdk/NetworkManager.ts\`) and **4× CPU slowdown** (DevTools protocol) for (a) and (b).

| tree | (a) join page JS on the wire | JS gzip | JS uncompressed | files | (b) link → seated, median of ${SETTINGS.runs} | min – max | JS by then, wire / gzip | (c) step items re-rendered | steps with anything re-rendered | components rendered |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}

- (a) The participant link opened and left alone until the join form shows and the network is idle. "On the wire": bytes received for the page's scripts as served (response headers included); gzip: the same files at gzip level 6 (what this server sends a browser that accepts only gzip). The issue asks for at most 170 KB gzip.
- (b) From navigation start to the heading « Le chemin » on screen (performance.now() in the page): open the link, fill the name and the role (and pick a zone of the actor map where the form asks it), click « Rejoindre la table ». The issue asks for at most 1.5 s median. Runs (ms): ${summary.map((s) => `${s.tree} ${s.linkToSeated.runsMs.join(", ")}`).join("; ")}.
- (c) Another participant adds a « oui, et… » to step 30 (${SETTINGS.patches} times, median shown); counted through the React DevTools hook over the commits that follow: components that performed work (fiber flags & 1) in subtrees React did not skip. "Step items": components whose nearest host element is a step's list item (${summary.map((s) => `${s.tree}: ${s.rerenders.marker}`).join("; ")}); "steps with anything re-rendered": steps holding the host element of any rendered component. Per patch: ${summary.map((s) => `${s.tree} ${s.rerenders.perPatch.map((p) => `${p.stepItemsRendered}/${p.stepsTouched}/${p.components} in ${p.commits} commit(s)`).join(", ")}`).join("; ")}.
`;
  writeFileSync(path.join(outDir, "page-load.md"), md);
  console.log(`\n${md}`);
}

try {
  await main();
} finally {
  cleanUp();
}
process.exit(0);
