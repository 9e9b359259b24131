import { useEffect, useRef } from 'react';

/** Focuses the element once, the first time `when` is true (for a heading: give it tabIndex -1). */
export function useFocusOnLoad<T extends HTMLElement = HTMLHeadingElement>(when: boolean) {
  const ref = useRef<T>(null);
  const done = useRef(false);
  useEffect(() => {
    if (!when || done.current) return;
    done.current = true;
    ref.current?.focus();
  }, [when]);
  return ref;
}
