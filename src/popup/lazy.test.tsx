// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lazyModule } from './lazy.ts';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => render(null, root));

describe('lazyModule', () => {
  it('after a failed chunk load, offers a retry that loads the part without reopening the popup', async () => {
    const importer = vi
      .fn<() => Promise<{ text: string }>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue({ text: 'the form' });
    const part = lazyModule(importer);
    function Part() {
      const { module, failed, retry } = part.useModuleState();
      if (module) return <p>{module.text}</p>;
      return failed ? (
        <button type="button" onClick={retry}>
          retry
        </button>
      ) : (
        <p aria-busy="true" />
      );
    }
    render(<Part />, root);
    const button = await vi.waitFor(() => {
      const found = root.querySelector('button');
      if (!found) throw new Error('no retry yet');
      return found;
    });
    expect(importer).toHaveBeenCalledTimes(1);
    button.click();
    await vi.waitFor(() => expect(root.textContent).toBe('the form'));
    expect(importer).toHaveBeenCalledTimes(2);
    // Loaded once, kept: a second use imports nothing more.
    render(null, root);
    render(<Part />, root);
    expect(root.textContent).toBe('the form');
    expect(importer).toHaveBeenCalledTimes(2);
  });

  it('shares one import between concurrent users', async () => {
    const importer = vi.fn(async () => ({ n: 1 }));
    const part = lazyModule(importer);
    await Promise.all([part.load(), part.load()]);
    expect(importer).toHaveBeenCalledTimes(1);
  });
});
