// @colyseus/schema's warning when a table's state outgrows its encoding buffer (a large table, at each join) goes to
// the log at debug, not to stdout in several lines among the log's JSON; other console warnings are left alone.
import { afterEach, describe, expect, it, vi } from "vitest";
import { Encoder, schema, t } from "@colyseus/schema";
import { routeSchemaWarnings } from "#server/logger.ts";
import { loggingToLines } from "../log-lines.ts";

afterEach(() => vi.restoreAllMocks());

describe("the schema's buffer warnings", () => {
  it("given a state larger than the encoding buffer, when it is encoded, then the warning is one debug line of the log", () => {
    const printed = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { logger, lines } = loggingToLines("debug");
    routeSchemaWarnings(logger);
    const Story = schema({ text: t.string() });
    const story = new Story();
    story.text = "Une étape racontée longuement. ".repeat(Math.ceil((2 * Encoder.BUFFER_SIZE) / 30));
    new Encoder(story).encodeAll();

    expect(printed).not.toHaveBeenCalled();
    expect(lines.map((line) => JSON.parse(line) as { level: number; msg: string })).toEqual([
      expect.objectContaining({ level: 20, msg: "a table's state outgrew the schema's encoding buffer" }),
    ]);
    console.warn("autre chose");
    expect(printed).toHaveBeenCalledWith("autre chose");
  });
});
