import { describe, expect, it } from 'vitest';
import { clearBadge, readBadge, showBadge } from './badge.ts';

describe('badge', () => {
  it('sets text, colour and title together and reads them back', async () => {
    await showBadge({ text: '1h45', color: '#0F6CBD', title: 'SG-Prod-SQL-Admins until 14:30' });
    expect(await readBadge()).toEqual({ text: '1h45', color: '#0F6CBD', title: 'SG-Prod-SQL-Admins until 14:30' });
  });

  it('clears the text and sets the idle title', async () => {
    await showBadge({ text: '3m', color: '#C50F1F', title: 'x' });
    await clearBadge('PIM for Groups');
    expect(await readBadge()).toMatchObject({ text: '', title: 'PIM for Groups' });
  });
});
