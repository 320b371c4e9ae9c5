import { describe, expect, it } from 'vitest';
import { expandedFromQuery } from './deep-link.ts';

describe('opening the popup page for one group', () => {
  it('opens that item’s form on the reason', () => {
    expect(expandedFromQuery('?group=g-1&access=owner')).toEqual({ key: 'g-1:owner', focus: 'justification' });
  });

  it('ignores anything else', () => {
    expect(expandedFromQuery('')).toBeNull();
    expect(expandedFromQuery('?group=g-1')).toBeNull();
    expect(expandedFromQuery('?group=g-1&access=admin')).toBeNull();
    expect(expandedFromQuery('?access=member')).toBeNull();
  });
});
