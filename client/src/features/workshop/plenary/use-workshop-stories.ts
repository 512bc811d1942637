// Every table's story for the plenary, asked again every 15 s (while the page is visible) and on demand: the stories go
// on while the plenary starts, and a table that closes its story late still shows its ending.
import { useCallback, useEffect, useRef, useState } from "react";
import type { WorkshopStories } from "#shared/workshop.ts";
import { fetchWorkshopStories } from "#client/net/plenary-api.ts";

export const REFRESH_MS = 15_000;

export interface StoriesState {
  stories: WorkshopStories | null;
  /** Why the last request failed (the stories shown, if any, are the previous ones). */
  error: string | null;
  refreshing: boolean;
  /** When the stories shown were received. */
  updatedAt: Date | null;
  refresh: () => void;
}

export function useWorkshopStories(
  workshopId: string,
  facilitatorKey: string | undefined,
  observerKey: string | undefined,
): StoriesState {
  const [stories, setStories] = useState<WorkshopStories | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  /** Only the latest request's answer is kept: an older one arriving late must not replace it. */
  const latest = useRef(0);

  const refresh = useCallback(() => {
    const request = ++latest.current;
    setRefreshing(true);
    fetchWorkshopStories(workshopId, { facilitatorKey, observerKey })
      .then((answer) => {
        if (request !== latest.current) return;
        setStories(answer);
        setError(null);
        setUpdatedAt(new Date());
      })
      .catch((e: Error) => {
        if (request === latest.current) setError(e.message);
      })
      .finally(() => {
        if (request === latest.current) setRefreshing(false);
      });
  }, [workshopId, facilitatorKey, observerKey]);

  useEffect(() => {
    refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") refresh();
    }, REFRESH_MS);
    return () => {
      clearInterval(timer);
      // A request counter, not a DOM node: the cleanup must bump its latest value so late answers are dropped.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      latest.current++;
    };
  }, [refresh]);

  return { stories, error, refreshing, updatedAt, refresh };
}
