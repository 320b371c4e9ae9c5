import { useEffect, useState } from 'preact/hooks';

/** The local time, updated just after each minute turns, so countdowns move while the popup is open. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          setNow(Date.now());
          schedule();
        },
        60_000 - (Date.now() % 60_000) + 20,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, []);
  return now;
}
