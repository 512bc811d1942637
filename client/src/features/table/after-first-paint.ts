// What a seated screen shows first, and what follows a frame later: on a phone, the first render of a 40-step table
// (about 1,200 elements) was the longest wait after the join (bench/page-load.ts). The top of the screen — the header,
// what the phase asks first, the first steps of the path — is committed and painted at once; the rest (steps below the
// fold, the side column, what the phase asks next) renders right after the first paint, all in one transition that
// yields to the browser between components, so that the page answers while it completes.
import { startTransition, useEffect, useState } from "react";

/** The components waiting for the frame after their first paint; all are told in one transition (one commit). */
const waiting = new Set<() => void>();
let scheduled = false;

function afterNextPaint(): void {
  if (scheduled) return;
  scheduled = true;
  const fire = () => {
    if (!scheduled) return;
    scheduled = false;
    const ready = [...waiting];
    waiting.clear();
    startTransition(() => {
      for (const done of ready) done();
    });
  };
  // A callback of the next frame runs before that frame's paint; the timeout puts the update after it. A hidden tab
  // paints no frame: the later timeout renders the rest there.
  requestAnimationFrame(() => setTimeout(fire, 0));
  setTimeout(fire, 300);
}

/** False for the first render of the calling component, true from the frame after it was painted. */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted) return;
    const done = () => setPainted(true);
    waiting.add(done);
    afterNextPaint();
    return () => void waiting.delete(done);
  }, [painted]);
  return painted;
}
