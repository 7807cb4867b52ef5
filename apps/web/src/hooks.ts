import { type DependencyList, useEffect, useState } from 'react';
import { ApiError } from './api.ts';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'ok'; data: T }
  | { state: 'error'; error: ApiError | Error };

/** Runs `load` when the dependencies change; ignores answers that arrive after a newer request. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setValue({ state: 'loading' });
    load().then(
      (data) => live && setValue({ state: 'ok', data }),
      (error: unknown) =>
        live &&
        setValue({
          state: 'error',
          error: error instanceof Error ? error : new ApiError(0, 'INTERNAL', String(error)),
        }),
    );
    return () => {
      live = false;
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on
  }, deps);
  return value;
}
