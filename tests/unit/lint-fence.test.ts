// The import fence of eslint.config.js, run through ESLint's own API on small sources, so that a change to the config
// (a folder renamed, a pattern mistyped, an override in the wrong order) cannot switch it off without a test failing.
import path from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;

beforeAll(async () => {
  // The project's config, without type information: the fixtures are not files of tsconfig.json, and the fence
  // needs none (it keeps its rules; only the type-aware ones are switched off).
  const withoutTypes = { files: ["**/*.ts", "**/*.tsx"], ...tseslint.configs.disableTypeChecked };
  eslint = new ESLint({ cwd: root, overrideConfig: withoutTypes });
  // Loading the config (typescript-eslint and the plugins) takes the few seconds; the lints after it take little.
  await eslint.calculateConfigForFile(path.join(root, "shared/model.ts"));
}, 60_000);

/** The fence's complaints about one source, as if it were the file at `file`. */
async function fenceErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId?.startsWith("no-restricted-") || m.fatal)
    .map((m) => m.message);
}

describe("the import fence", () => {
  it("stops shared/ from importing a Node built-in, with or without node:", async () => {
    const source =
      'import { readFileSync } from "node:fs";\nimport path from "path";\nexport { readFileSync, path };\n';
    const errors = await fenceErrors("shared/rules/fence-fixture.ts", source);
    expect(errors).toHaveLength(2);
    for (const error of errors) expect(error).toContain("Node's built-in modules are for the server");
  });

  it("stops shared/ from reaching Node through its globals", async () => {
    const errors = await fenceErrors(
      "shared/fence-fixture.ts",
      'export const fs = process.getBuiltinModule("node:fs");\n',
    );
    expect(errors).toEqual([expect.stringContaining("A Node global")]);
  });

  it("stops shared/ from importing the server, by alias or by relative path", async () => {
    const errors = await fenceErrors(
      "shared/fence-fixture.ts",
      'import { logger } from "#server/logger.ts";\nimport { TableRoom } from "../server/room/table-room.ts";\nexport { logger, TableRoom };\n',
    );
    expect(errors).toEqual([
      expect.stringContaining("The server's code stays on the server"),
      expect.stringContaining("import nothing from server/"),
    ]);
  });

  it("keeps the deck files' reader (cards/files.ts) out of shared/ and the rest of cards/, Node's globals too", async () => {
    const fromShared = await fenceErrors(
      "shared/fence-fixture.ts",
      'import { loadDecks } from "#cards/files.ts";\nexport { loadDecks };\n',
    );
    expect(fromShared).toEqual([expect.stringContaining("cards/files.ts reads the disk")]);
    const fromCards = await fenceErrors(
      "cards/fence-fixture.ts",
      'export const fs = process.getBuiltinModule("node:fs");\n',
    );
    expect(fromCards).toEqual([expect.stringContaining("A Node global")]);
    expect(await fenceErrors("cards/files.ts", 'import fs from "node:fs";\nexport { fs };\n')).toEqual([]);
  });

  it("stops shared/ from importing a server-only package", async () => {
    const errors = await fenceErrors(
      "shared/fence-fixture.ts",
      'import express from "express";\nexport { express };\n',
    );
    expect(errors).toEqual([expect.stringContaining("A server-only package")]);
  });

  it("stops a feature from importing the Colyseus SDK, statically or lazily", async () => {
    const errors = await fenceErrors(
      "client/src/features/table/fence-fixture.ts",
      'import { Client } from "@colyseus/sdk";\nexport const sdk = import("@colyseus/sdk");\nexport { Client };\n',
    );
    expect(errors).toHaveLength(2);
    for (const error of errors) expect(error).toContain("Only client/src/net/ talks to Colyseus");
  });

  it("stops the client from importing the server or a Node built-in", async () => {
    const errors = await fenceErrors(
      "client/src/net/fence-fixture.ts",
      'import { limits } from "#server/limits.ts";\nimport { randomBytes } from "node:crypto";\nexport { limits, randomBytes };\n',
    );
    expect(errors).toEqual([
      expect.stringContaining("The server's code stays on the server"),
      expect.stringContaining("Node's built-in modules are for the server"),
    ]);
  });

  it("lets net/ import the SDK, and shared/ import shared, cards and zod", async () => {
    const sdk = 'import { Client } from "@colyseus/sdk";\nexport { Client };\n';
    expect(await fenceErrors("client/src/net/fence-fixture.ts", sdk)).toEqual([]);
    const shared = [
      'import { z } from "zod";',
      'import { DECK_NAMES } from "#cards/schema.ts";',
      'import { cleanText } from "#shared/text.ts";',
      'import { LIMITS } from "../model.ts";',
      "export { z, DECK_NAMES, cleanText, LIMITS };",
      "",
    ].join("\n");
    expect(await fenceErrors("shared/rules/fence-fixture.ts", shared)).toEqual([]);
  });
});
