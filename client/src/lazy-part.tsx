// What the join page does not need is loaded when it is needed: the table's screens (dnd-kit, framer-motion, QR codes),
// the home page and the privacy page each come in chunks of their own (vite build), fetched on first render or earlier
// through preload(). framer-motion's settings (MotionRoot: MotionConfig reducedMotion "user", LazyMotion for the `m`
// components, see motion-root.tsx) wrap each of them here rather than the whole app, so that the join page does not
// load framer-motion.
//
// No Suspense: a part still on its way shows a status, and the part itself the moment its code is here. A Suspense
// boundary would hold a part that arrives just after its fallback showed up to 300 ms more (React's throttling of
// revealed content): on a phone that was the seated table's first screen waiting, done, for a timer
// (bench/page-load.ts).
import { useEffect, useState, type ComponentType, type ReactNode } from "react";
import { useTranslation } from "./i18n/use-translation.ts";

export interface LazyPart<P> {
  (props: P): ReactNode;
  /** Starts fetching the part's code (and framer-motion) now; harmless when called again. */
  preload(): Promise<unknown>;
}

type LoadingKey = "loading.page" | "loading.table";

/** What a mounted part shows: its code (once here), or that it could not be fetched. */
type Loaded<P> = { Part: ComponentType<P> } | { failed: true } | null;

/** A component whose code is fetched on its first render, or earlier by preload(); a status shows meanwhile. */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  loadingKey: LoadingKey = "loading.page",
): LazyPart<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  /** Once fetched: rendered at once on mount. */
  let ready: ComponentType<P> | null = null;
  const preload = () => {
    loading ??= Promise.all([import("./motion-root.tsx"), load()]).then(
      ([{ MotionRoot }, Inner]) => {
        ready = (props: P) => (
          <MotionRoot>
            <Inner {...props} />
          </MotionRoot>
        );
        return ready;
      },
      (error: unknown) => {
        // The next attempt (a reload) fetches again.
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  const Part = (props: P) => {
    const [loaded, setLoaded] = useState<Loaded<P>>(() => (ready ? { Part: ready } : null));
    useEffect(() => {
      if (loaded) return;
      let mounted = true;
      preload().then(
        (Inner) => mounted && setLoaded({ Part: Inner }),
        () => mounted && setLoaded({ failed: true }),
      );
      return () => {
        mounted = false;
      };
    }, [loaded]);
    if (!loaded) return <Loading textKey={loadingKey} />;
    if ("failed" in loaded) return <LoadFailedNotice />;
    return <loaded.Part {...props} />;
  };
  return Object.assign(Part, { preload });
}

function Loading({ textKey }: { textKey: LoadingKey }) {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <p role="status">{t(textKey)}</p>
    </div>
  );
}

/** A part whose code could not be fetched (network lost, or a new version deployed and the old files gone) says so, with a way out. */
function LoadFailedNotice() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <p role="alert">{t("loading.failed")}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t("loading.reload")}
      </button>
    </div>
  );
}
