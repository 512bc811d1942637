// Two server processes behind nginx, tried for real on this machine (README « Running bigger »): nginx with
// deploy/nginx.conf in front of two processes sharing Redis and PostgreSQL, two people in Chromium through the proxy
// (a facilitator who opens the table, a participant who joins it), a card placed, then the process that holds the table
// killed with SIGKILL while the participant writes the narration. It measures what each person sees until they are
// seated again and the narration has reached the other, and checks that it is there once.
//
//   npx node bench/two-processes.ts      (nginx from Debian's packages, Redis and PostgreSQL on this machine)
//
// Settings (environment): REDIS_URL (default redis://127.0.0.1:6379: an empty database of it is used, then emptied),
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test: a throwaway database is made next to it), NGINX
// (default /usr/sbin/nginx), CHROMIUM_PATH (default /usr/bin/chromium), TRIES (default 3). Writes
// bench/results/two-processes.md. Ports: the processes 2711 and 2712, nginx 8080 (as in deploy/nginx.conf).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { Redis } from "ioredis";
import pg from "pg";
import { drawCard, joinAsParticipant, openTableAsFacilitator, placeCard, readPath } from "#tests/e2e/helpers.ts";
import { envNumber, machineLine, machineNow } from "./bench-server.ts";

const root = path.resolve(import.meta.dirname, "..");
const PROXY = "http://localhost:8080";
const PROCESSES = [
  { port: 2711, path: "/p/1" },
  { port: 2712, path: "/p/2" },
] as const;
const redisBase = process.env.REDIS_URL || "redis://127.0.0.1:6379";
const adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const nginxBin = process.env.NGINX || "/usr/sbin/nginx";
const tries = envNumber("TRIES", 3, { allowZero: false });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Running {
  port: number;
  child: ChildProcess;
}

/** Starts one server process as an operator would (README « Running bigger »), and waits until it answers. */
async function startProcess(port: number, publicPath: string, env: Record<string, string>): Promise<Running> {
  // Each process's log (JSON lines, LOG_LEVEL) kept beside the run, shown when a try fails.
  const log = openSync(path.join(work, `process-${port}.log`), "a");
  const child = spawn(process.execPath, ["server/main.ts"], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), PUBLIC_ADDRESS: `localhost:8080${publicPath}` },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  for (const deadline = Date.now() + 30_000; ;) {
    if (child.exitCode !== null) throw new Error(`the process on ${port} stopped at start`);
    if (await answers(`http://127.0.0.1:${port}/api/health`)) return { port, child };
    if (Date.now() > deadline) throw new Error(`the process on ${port} did not answer`);
    await sleep(100);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Which process holds the table now: its listing in Redis (Colyseus' driver) names the process's address. */
async function holder(running: Running[], tableId: string): Promise<Running | undefined> {
  const redis = new Redis(redisUrl.toString());
  try {
    const listing = JSON.parse((await redis.hget("roomcaches", tableId)) ?? "{}") as { publicAddress?: string };
    const at = PROCESSES.find((p) => listing.publicAddress?.endsWith(p.path))?.port;
    return running.find((r) => r.port === at);
  } finally {
    redis.disconnect();
  }
}

/** The connection line a person reads at the top of the table (client/src/ui/ConnectionStatus.tsx). */
function connectionOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const line = document.querySelector("p.connection");
    const status = /connection--(\w+)/.exec(line?.className ?? "")?.[1] ?? "none";
    return `${status}: ${line?.textContent?.trim() ?? ""}`;
  });
}

interface Try {
  killed: number;
  /** What each person's connection line said, in order, with the time since the kill (ms). */
  seen: Record<string, { at: number; line: string }[]>;
  /** Since the kill: each person's page seated again (« Connecté·e »), the narration on the facilitator's page. */
  connectedAt: Record<string, number>;
  narrationSeenAt: number;
  /** The path on both pages afterwards, and how many times the narration is on it. */
  samePath: boolean;
  narrationCount: number;
  reopenedOn: number | undefined;
}

async function oneTry(browser: Browser, running: Running[], attempt: number, signal: NodeJS.Signals): Promise<Try> {
  const camille = await (await browser.newContext({ baseURL: PROXY })).newPage();
  const link = await openTableAsFacilitator(camille, {
    title: `Table derrière nginx ${attempt}`,
    system: "Le quartier",
    present: "Aujourd'hui",
    future: "Demain",
    facilitatorName: "Camille",
  });
  await camille.getByRole("button", { name: "Lancer la partie" }).click();
  const alex = await joinAsParticipant(browser, link, "Alex", "habitante");
  const card = await drawCard(alex, "un levier");
  await placeCard(alex, card, "start");
  const editor = alex.getByRole("textbox", { name: "Narration de l'étape 1" });
  await editor.waitFor();
  await camille.getByRole("article", { name: /^Étape 1 : / }).waitFor();

  const tableId = /\/t\/([^#?]+)/.exec(link)?.[1] ?? "";
  const victim = await holder(running, tableId);
  if (!victim) throw new Error("no process says it holds the table");
  const pages = { Camille: camille, Alex: alex };
  const seen: Try["seen"] = { Camille: [], Alex: [] };
  const connectedAt: Try["connectedAt"] = {};
  const text = `Écrit pendant que le processus ${victim.port} tombait (essai ${attempt}).`;

  const killedAt = Date.now();
  victim.child.kill(signal);
  await new Promise((resolve) => victim.child.once("exit", resolve));
  // Alex goes on writing: the narration waits in the browser's outbox until the table is back.
  await editor.fill(text);
  await alex.getByRole("button", { name: "Enregistrer la narration" }).click();

  let narrationSeenAt = -1;
  const deadline = killedAt + 120_000;
  while (Date.now() < deadline) {
    const now = Date.now() - killedAt;
    for (const [name, page] of Object.entries(pages)) {
      const line = await connectionOf(page);
      const list = seen[name] ?? [];
      if (list.at(-1)?.line !== line) list.push({ at: now, line });
      if (line.startsWith("connected") && connectedAt[name] === undefined && list.length > 1) connectedAt[name] = now;
    }
    if (narrationSeenAt < 0 && (await camille.getByText(text).count()) > 0) narrationSeenAt = Date.now() - killedAt;
    if (narrationSeenAt >= 0 && Object.keys(connectedAt).length === 2) break;
    await sleep(100);
  }
  await sleep(1000);
  const [camillePath, alexPath] = [await readPath(camille), await readPath(alex)];
  const narrationCount = camillePath.filter((step) => step.includes(text)).length;
  const reopenedOn = (await holder(running, tableId))?.port;
  await Promise.all([camille.context().close(), alex.context().close()]);

  // The killed process comes back, as a supervisor (systemd) would restart it, for the next try.
  const restarted = await startProcess(victim.port, PROCESSES.find((p) => p.port === victim.port)?.path ?? "", env);
  running.splice(running.indexOf(victim), 1, restarted);
  return {
    killed: victim.port,
    seen,
    connectedAt,
    narrationSeenAt,
    samePath: JSON.stringify(camillePath) === JSON.stringify(alexPath),
    narrationCount,
    reopenedOn,
  };
}

// ————— Set-up: a throwaway database, an empty Redis database, the built client, two processes, nginx —————

const machine = machineNow();
const work = mkdtempSync(path.join(tmpdir(), "jdt-two-processes-"));
const database = `jdt_two_${randomBytes(6).toString("hex")}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
const postgresVersion = ((await admin.query("SHOW server_version")).rows[0] as { server_version: string })
  .server_version;
await admin.end();
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${database}`;

const probe = new Redis(redisBase, { lazyConnect: true });
await probe.connect();
let redisDb = -1;
for (let db = 15; db >= 1 && redisDb < 0; db--) {
  await probe.select(db);
  if ((await probe.dbsize()) === 0) redisDb = db;
}
const redisVersion = /redis_version:(\S+)/.exec(await probe.info("server"))?.[1] ?? "?";
probe.disconnect();
if (redisDb < 0) throw new Error("no empty Redis database (1–15)");
const redisUrl = new URL(redisBase);
redisUrl.pathname = `/${redisDb}`;

const clientDir = path.join(work, "dist");
execFileSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--outDir", clientDir, "--emptyOutDir"], {
  cwd: root,
  stdio: "ignore",
});

const env = {
  DATABASE_URL: databaseUrl.toString(),
  REDIS_URL: redisUrl.toString(),
  PUBLIC_URL: PROXY,
  TRUST_PROXY: "1",
  CLIENT_DIR: clientDir,
  LOG_LEVEL: "info",
};

const running: Running[] = [];
let nginx: ChildProcess | undefined;
let browser: Browser | undefined;
const results: (Try & { variant: string; signal: string })[] = [];

/** deploy/nginx.conf as it is, a process killed, then one stopped (a deployment); once without its backup lines. */
const VARIANTS = [
  { name: "deploy/nginx.conf", signal: "SIGKILL", withoutBackup: false, tries },
  { name: "deploy/nginx.conf", signal: "SIGTERM", withoutBackup: false, tries: 1 },
  { name: "deploy/nginx.conf without its `backup` lines", signal: "SIGKILL", withoutBackup: true, tries: 1 },
] as const;

/** nginx in the foreground with deploy/nginx.conf (or a copy without its backup servers), once it answers on 8080. */
async function startNginx(withoutBackup: boolean): Promise<ChildProcess> {
  const site = path.join(work, "nginx", "site.conf");
  const conf = readFileSync(path.join(root, "deploy", "nginx.conf"), "utf8");
  writeFileSync(site, withoutBackup ? conf.replace(/^\s*server \S+ backup[^;]*;\n/gm, "") : conf);
  const main = path.join(work, "nginx", "nginx.conf");
  writeFileSync(
    main,
    [
      "worker_processes 1;",
      `pid ${path.join(work, "nginx", "nginx.pid")};`,
      `error_log ${path.join(work, "nginx", "logs", "error.log")} warn;`,
      "events { worker_connections 1024; }",
      "http {",
      `  access_log ${path.join(work, "nginx", "logs", "access.log")};`,
      `  client_body_temp_path ${path.join(work, "nginx", "body")};`,
      `  proxy_temp_path ${path.join(work, "nginx", "proxy")};`,
      `  include ${site};`,
      "}",
      "",
    ].join("\n"),
  );
  const child = spawn(nginxBin, ["-p", path.join(work, "nginx"), "-c", main, "-g", "daemon off;"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (const deadline = Date.now() + 15_000; !(await answers(`${PROXY}/api/health`)); await sleep(100))
    if (Date.now() > deadline) throw new Error("nginx does not answer on 8080");
  return child;
}
try {
  for (const { port, path: publicPath } of PROCESSES) running.push(await startProcess(port, publicPath, env));
  mkdirSync(path.join(work, "nginx", "logs"), { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
  for (const variant of VARIANTS) {
    nginx = await startNginx(variant.withoutBackup);
    for (let attempt = 1; attempt <= variant.tries; attempt++) {
      const result = await oneTry(browser, running, attempt, variant.signal);
      results.push({ ...result, variant: variant.name, signal: variant.signal });
      console.log(JSON.stringify(result));
      // nginx keeps a process it saw refuse aside for fail_timeout (10 s): past it, the restarted one takes requests.
      await sleep(11_000);
    }
    nginx.kill("SIGQUIT");
    await new Promise((resolve) => nginx?.once("exit", resolve));
    nginx = undefined;
  }
} catch (error) {
  for (const { port } of PROCESSES) {
    const log = readFileSync(path.join(work, `process-${port}.log`), "utf8")
      .trim()
      .split("\n");
    console.error(`— process ${port}, last lines of its log —\n${log.slice(-15).join("\n")}`);
  }
  for (const name of ["access.log", "error.log"]) {
    const log = readFileSync(path.join(work, "nginx", "logs", name), "utf8")
      .trim()
      .split("\n");
    console.error(`— nginx ${name} —\n${log.slice(-25).join("\n")}`);
  }
  throw error;
} finally {
  await browser?.close();
  nginx?.kill("SIGQUIT");
  for (const { child } of running) child.kill("SIGKILL");
  await sleep(500);
  const cleanup = new Redis(redisUrl.toString());
  await cleanup.flushdb();
  cleanup.disconnect();
  const drop = new pg.Client({ connectionString: adminUrl });
  await drop.connect();
  await drop.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
  await drop.end();
  rmSync(work, { recursive: true, force: true });
}

// ————— Report —————

const nginxVersion = execFileSync("sh", ["-c", `"${nginxBin}" -v 2>&1`], { encoding: "utf8" })
  .trim()
  .replace(/^nginx version: /, "");
const seconds = (ms: number | undefined) => (ms === undefined || ms < 0 ? "never" : `${(ms / 1000).toFixed(1)} s`);
const lines = [
  "# Two server processes behind nginx: a process killed under a table",
  "",
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npx node bench/two-processes.ts\` on ${machineLine(machine)}.`,
  `${nginxVersion} with deploy/nginx.conf; Redis ${redisVersion}; PostgreSQL ${postgresVersion}; Chromium through the proxy.`,
  "",
  "Each try: the facilitator (Camille) opens a table through nginx (http://localhost:8080) and starts the game, a",
  "participant (Alex) joins through nginx, draws and places a card; the process holding the table is killed with",
  "SIGKILL (or stopped with SIGTERM, as a deployment does); Alex writes the step's narration at once (it waits in the",
  "browser's outbox). Times are from the signal. The stopped process is started again after each try, as a supervisor",
  "would. Alex sat down less than 5 s before the signal: the SDK does not retry a session that young, the page joins",
  "again at once, whatever the proxy; Camille had been seated for longer, which is where the proxy's backup lines show.",
  "",
  "| nginx configuration | try | process stopped | reopened on | Camille seated again | Alex seated again | narration on Camille's screen | same path on both | narration present |",
  "|---|---|---|---|---|---|---|---|---|",
  ...results.map(
    (r, i) =>
      `| ${r.variant} | ${i + 1} | ${r.killed}, ${r.signal} | ${r.reopenedOn ?? "?"} | ${seconds(r.connectedAt.Camille)} | ${seconds(r.connectedAt.Alex)} | ${seconds(r.narrationSeenAt)} | ${r.samePath ? "yes" : "NO"} | ${r.narrationCount}× |`,
  ),
  "",
  "What each screen's connection line said (time since the signal):",
  "",
  ...results.flatMap((r, i) =>
    Object.entries(r.seen).map(
      ([name, list]) =>
        `- try ${i + 1} (${r.variant}), ${name}: ${list.map((s) => `${seconds(s.at)} « ${s.line} »`).join(" → ")}`,
    ),
  ),
  "",
];
const file = path.join(root, "bench", "results", "two-processes.md");
writeFileSync(file, lines.join("\n"));
console.log(lines.join("\n"));
console.log(`written to ${path.relative(root, file)}`);
