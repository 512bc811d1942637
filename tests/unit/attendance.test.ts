// Who is at a table right now (server/room/attendance.ts), driven with plain connections: how many tabs and screens a
// table lets in, who shows as online, and where the connections of someone moved or removed are sent.
import { ServerError } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import { MOVED_CLOSE_CODE } from "#shared/workshop.ts";
import { Attendance, paceKey, type Attendee } from "#server/room/attendance.ts";
import { REMOVED_CLOSE_CODE } from "#server/room/connections.ts";

interface Connection extends Attendee {
  closed?: { code?: number; reason?: string };
}

let next = 0;
function connection(): Connection {
  const made: Connection = {
    sessionId: `s${++next}`,
    leave(code, reason) {
      made.closed = { code, reason };
    },
  };
  return made;
}

function table(limits = { observersPerTable: 2, connectionsPerSeat: 2, connectionsPerTable: 8 }) {
  const connections: Connection[] = [];
  const removed = new Set<string>();
  const clock = { now: 1_000_000 };
  const attendance = new Attendance<Connection>(
    () => connections,
    limits,
    (id) => removed.has(id),
    { ms: () => 15_000, now: () => clock.now },
  );
  const join = (seat?: string) => {
    const made = connection();
    connections.push(made);
    if (seat) attendance.seat(made, seat);
    else attendance.observe(made);
    return made;
  };
  return { attendance, connections, removed, join, clock };
}

function refusal(run: () => void): { code: number; message: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof ServerError)) throw error;
    return { code: error.code, message: error.message };
  }
}

describe("attendance", () => {
  it("given a seat open in as many tabs as allowed, when one more tab of it arrives, then it is refused in words, and another seat or a newcomer still fits", () => {
    const { attendance, join } = table();
    join("awa");
    join("awa");
    expect(refusal(() => attendance.makeRoom("awa"))).toEqual({
      code: 429,
      message: "Vous êtes déjà connecté·e à cette table depuis 2 onglets ou appareils : fermez-en un.",
    });
    expect(refusal(() => attendance.makeRoom("bastien"))).toBeNull();
    expect(refusal(() => attendance.makeRoom(null))).toBeNull();
  });

  it("given a full seat, when one of its own tabs is checked again as it joins, then it is not counted against itself", () => {
    const { attendance, join } = table();
    join("awa");
    const second = join("awa");
    expect(refusal(() => attendance.makeRoom("awa", second))).toBeNull();
  });

  it("given as many observer screens as allowed, when one more observer arrives, then it is refused in words", () => {
    const { attendance, join } = table();
    join();
    join("awa");
    expect(refusal(() => attendance.makeRoom(undefined))).toBeNull();
    join();
    expect(refusal(() => attendance.makeRoom(undefined))).toEqual({
      code: 429,
      message: "Cette table a déjà 2 écrans en observation.",
    });
  });

  it("given an observer link used only to reserve places, then they count as observers until they lapse, and the facilitator and newcomers still get in", () => {
    const { attendance, clock, join } = table();
    // Two reservations over HTTP (no WebSocket yet): the table's two observer places are held.
    attendance.makeRoom(undefined);
    attendance.makeRoom(undefined);
    expect(refusal(() => attendance.makeRoom(undefined))).toEqual({
      code: 429,
      message: "Cette table a déjà 2 écrans en observation.",
    });
    expect(refusal(() => attendance.makeRoom("awa"))).toBeNull();
    expect(refusal(() => attendance.makeRoom(null))).toBeNull();
    // A reservation taken by its WebSocket counts once, as a connection.
    attendance.arrive(undefined);
    const screen = join();
    expect(refusal(() => attendance.makeRoom(undefined, screen))).toBeNull();
    expect(refusal(() => attendance.makeRoom(undefined))).not.toBeNull();
    // The one never taken lapses with the reservation (15 s): its place is free again.
    clock.now += 15_000;
    expect(refusal(() => attendance.makeRoom(undefined))).toBeNull();
  });

  it("given a seat's reservations not yet taken, then they count against its tabs; newcomers arriving at once are held to a quarter of the table", () => {
    const { attendance, clock } = table();
    attendance.makeRoom("awa");
    attendance.makeRoom("awa");
    expect(refusal(() => attendance.makeRoom("awa"))?.code).toBe(429);
    expect(refusal(() => attendance.makeRoom("bastien"))).toBeNull();
    // A table of 8 connections: 2 newcomers reserving at once, then « complète pour le moment ».
    attendance.makeRoom(null);
    attendance.makeRoom(null);
    expect(refusal(() => attendance.makeRoom(null))).toEqual({
      code: 429,
      message: "La table est complète pour le moment : réessayez dans un instant.",
    });
    attendance.arrive(null);
    expect(refusal(() => attendance.makeRoom(null))).toBeNull();
    clock.now += 15_000;
    expect(refusal(() => attendance.makeRoom("awa"))).toBeNull();
  });

  it("given connections that come and go, then only seats with a live connection show as online, observers never", () => {
    const { attendance, join } = table();
    const awaPhone = join("awa");
    const awaLaptop = join("awa");
    const bastien = join("bastien");
    const screen = join();
    expect(attendance.online()).toEqual(new Set(["awa", "bastien"]));
    expect(attendance.setLive(awaPhone, false)).toBe(true);
    expect(attendance.online()).toEqual(new Set(["awa", "bastien"]));
    attendance.setLive(awaLaptop, false);
    attendance.setLive(bastien, false);
    expect(attendance.online()).toEqual(new Set());
    expect(attendance.setLive(screen, true)).toBe(false);
    attendance.setLive(bastien, true);
    expect(attendance.online()).toEqual(new Set(["bastien"]));
  });

  it("gives each seat the views of its own connections, and an observer a view in no seat's list", () => {
    const { attendance, join } = table();
    const phone = join("awa");
    const laptop = join("awa");
    const screen = join();
    join("bastien");
    phone.view = new StateView();
    laptop.view = new StateView();
    const views = attendance.viewsBySeat();
    expect(views.get("awa")).toEqual([phone.view, laptop.view]);
    expect(views.has("bastien")).toBe(false);
    expect(screen.view).toBeInstanceOf(StateView);
    expect([...views.values()].flat()).not.toContain(screen.view);
  });

  it("given someone taken off the table, when dismissed, then each of their tabs is closed with the removal code and the others stay", () => {
    const { attendance, removed, join } = table();
    const phone = join("awa");
    const laptop = join("awa");
    const bastien = join("bastien");
    removed.add("awa");
    attendance.dismissRemoved();
    for (const closed of [phone, laptop]) {
      expect(closed.closed).toEqual({
        code: REMOVED_CLOSE_CODE,
        reason: "L'animation vous a retiré·e de cette table : ce lien ne vous y fait plus entrer.",
      });
    }
    expect(bastien.closed).toBeUndefined();
    expect(attendance.turnAwayReturning(bastien)).toBe(false);
  });

  it("given someone moved to another table, then their open tabs follow to its link, and so does one coming back from a drop", () => {
    const { attendance, join } = table();
    const phone = join("awa");
    const bastien = join("bastien");
    attendance.moved("awa", "/t/other#invite=abc");
    expect(phone.closed).toEqual({ code: MOVED_CLOSE_CODE, reason: "/t/other#invite=abc" });
    expect(bastien.closed).toBeUndefined();
    const returning = connection();
    returning.userData = { participantId: "awa" };
    expect(attendance.turnAwayReturning(returning)).toBe(true);
    expect(returning.closed).toEqual({ code: MOVED_CLOSE_CODE, reason: "/t/other#invite=abc" });
  });

  it("paces a seat's tabs together and each observer screen on its own", () => {
    const { join } = table({ observersPerTable: 5, connectionsPerSeat: 5, connectionsPerTable: 20 });
    expect(paceKey(join("awa"))).toBe(paceKey(join("awa")));
    expect(paceKey(join())).not.toBe(paceKey(join()));
  });
});
