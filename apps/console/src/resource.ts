import { useCallback, useEffect, useState } from 'preact/hooks';

export interface Resource<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Data loaded when its inputs change, with its loading state and the API's message when it fails. */
export function useResource<T>(load: () => Promise<T>, inputs: unknown[]): Resource<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) =>
        current && setState((previous) => ({ ...previous, error: messageOf(error), loading: false })),
    );
    return () => {
      current = false;
    };
  }, [...inputs, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Work started by the user (a save, a delete): busy while it runs, and the API's message when it fails. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** A form's submission, as an action. */
export function useSubmit(task: () => Promise<void>) {
  const action = useAction();
  const submit = async (event?: Event) => {
    event?.preventDefault();
    await action.run(task);
  };
  return { busy: action.busy, error: action.error, submit };
}

/**
 * Calls `load` now and every `intervalMs` while the component is shown (and again when `inputs` change);
 * `onValue` gets each answer, `onError` the API's message. Nothing arrives after the component has gone.
 */
export function usePolling<T>(
  load: () => Promise<T>,
  intervalMs: number,
  handlers: { onValue: (value: T) => void; onError: (message: string) => void },
  inputs: unknown[],
): void {
  useEffect(() => {
    let stopped = false;
    const run = async () => {
      try {
        const value = await load();
        if (!stopped) handlers.onValue(value);
      } catch (failure) {
        if (!stopped) handlers.onError(messageOf(failure));
      }
    };
    void run();
    const timer = setInterval(run, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, inputs);
}
