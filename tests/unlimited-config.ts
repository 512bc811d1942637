// The server's configuration for tests that are not about its limits: every LIMIT_… variable (server/limits.ts) far
// above what they do (the limits are tested against strangers in their own tests), and no client build to serve.
import { tmpdir } from "node:os";
import path from "node:path";
import { readConfig, type Config } from "#server/config.ts";
import { DEFAULT_LIMITS, limitVariable } from "#server/limits.ts";

const UNLIMITED = Object.fromEntries(
  Object.keys(DEFAULT_LIMITS).map((name) => [limitVariable(name as keyof typeof DEFAULT_LIMITS), "100000000"]),
);

/** readConfig with every limit raised, and `env` on top (a port, a setting under test). */
export function unlimitedConfig(env: NodeJS.ProcessEnv = {}): Config {
  return { ...readConfig({ ...UNLIMITED, ...env }), clientDir: path.join(tmpdir(), "jeu-des-transitions-no-client") };
}
