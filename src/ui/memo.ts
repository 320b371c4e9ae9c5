import { Component, type FunctionComponent, h } from 'preact';

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Re-renders only when a prop changes (shallowly), like `memo` from preact/compat, without pulling
 * compat into the bundle. Long lists use it so a keystroke re-renders only the rows that changed.
 */
export function memo<P extends object>(render: FunctionComponent<P>): FunctionComponent<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !shallowEqual(this.props, next);
    }
    override render() {
      return h(render, this.props);
    }
  }
  (Memo as unknown as { displayName: string }).displayName = `memo(${render.displayName ?? render.name})`;
  return Memo as unknown as FunctionComponent<P>;
}
