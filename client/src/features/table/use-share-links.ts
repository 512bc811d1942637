// The links a facilitator shares (participant, observer, join code): asked for once connected, again after a
// reconnection if the first try found no connection. Null for anyone who is not facilitating.
import { fetchShareLinks } from "#client/net/connection.ts";
import { useEffect } from "react";
import { useTableStore, type ShareAddresses } from "#client/store/table-store.ts";
import { useAmFacilitator } from "#client/store/can.ts";

export function useShareLinks(): ShareAddresses | null {
  const facilitating = useAmFacilitator();
  const connected = useTableStore((s) => s.connection.status === "connected");
  const links = useTableStore((s) => s.shareLinks);
  useEffect(() => {
    if (facilitating && connected && !links) void fetchShareLinks();
  }, [facilitating, connected, links]);
  return facilitating ? links : null;
}
