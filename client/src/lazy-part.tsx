// What the join page does not need is loaded when it is needed: the table's screens (dnd-kit, framer-motion, QR codes),
// the home page and the privacy page each come in chunks of their own (vite build), fetched on first render or earlier
// through preload(). framer-motion's settings (MotionRoot: MotionConfig reducedMotion "user", LazyMotion for the `m`
// components, see motion-root.tsx) wrap each of them here rather than the whole app, so that the join page does not
// load framer-motion.
import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from "react";
import { useTranslation } from "./i18n/use-translation.ts";

/** The chunk of a part could not be fetched (network lost, or a new version deployed and the old files gone). */
export class PartLoadError extends Error {}

export interface LazyPart<P> {
  (props: P): ReactNode;
  /** Starts fetching the part's code (and framer-motion) now; harmless when called again. */
  preload(): Promise<unknown>;
}

type LoadingKey = "loading.page" | "loading.table";

/** A component whose code is fetched on its first render, or earlier by preload(); a status shows meanwhile. */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  loadingKey: LoadingKey = "loading.page",
): LazyPart<P> {
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  /** Once fetched: rendered at once, without suspending (React would hold the fallback up to 300 ms more). */
  let ready: ComponentType<P> | null = null;
  const preload = () => {
    loading ??= Promise.all([import("./motion-root.tsx"), load()]).then(
      ([{ MotionRoot }, Loaded]) => {
        ready = (props: P) => (
          <MotionRoot>
            <Loaded {...props} />
          </MotionRoot>
        );
        return { default: ready };
      },
      (error: unknown) => {
        // The next attempt (a reload) fetches again.
        loading = null;
        throw new PartLoadError((error as Error)?.message ?? String(error));
      },
    );
    return loading;
  };
  const Lazy = lazy(preload) as unknown as ComponentType<P>;
  const Part = (props: P) => {
    // Chosen once per mount: switching from the lazy wrapper to the loaded component would mount the part again.
    const [Inner] = useState<ComponentType<P>>(() => ready ?? Lazy);
    return (
      <LoadFailed>
        <Suspense fallback={<Loading textKey={loadingKey} />}>
          <Inner {...props} />
        </Suspense>
      </LoadFailed>
    );
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

/** A part whose code could not be fetched says so, with a way out; any other error goes on up as before. */
class LoadFailed extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (!(error instanceof PartLoadError)) throw error;
    return <LoadFailedNotice />;
  }
}

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
