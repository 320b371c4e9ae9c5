import { describe, expect, it } from 'vitest';
import { item } from '../test-support/group-items.ts';
import { chosenItem, escapeXml, highlight, MAX_SUGGESTIONS, plainText, suggestionsFor } from './omnibox.ts';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const label = (access: string) => (access === 'owner' ? 'Owner' : 'Member');

describe('address bar suggestions', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`R&D <"Ops"> 'x'`)).toBe('R&amp;D &lt;&quot;Ops&quot;&gt; &apos;x&apos;');
  });

  it('wraps what matched in <match>, accent- and case-insensitively, keeping the original characters', () => {
    expect(highlight('Équipe Réseau', 'equipe')).toBe('<match>Équipe</match> Réseau');
    expect(highlight('SG-Prod-SQL-Admins', 'sql adm')).toBe('SG-Prod-<match>SQL</match>-<match>Adm</match>ins');
    expect(highlight('Plain', '')).toBe('Plain');
  });

  it('escapes names with < and & while highlighting them', () => {
    expect(highlight('R&D <Lab>', 'd <l')).toBe('R&amp;<match>D</match> <match>&lt;L</match>ab&gt;');
    const [s] = suggestionsFor([item('R&D <Lab>', { accessId: 'owner' })], 'lab', collator, label);
    expect(s?.description).toBe('R&amp;D &lt;<match>Lab</match>&gt; <dim>· Owner</dim>');
    // Firefox shows the description as it is: it gets the plain text back.
    expect(plainText(s?.description ?? '')).toBe('R&D <Lab> · Owner');
    expect(plainText(escapeXml('&lt; is "<"'))).toBe('&lt; is "<"');
  });

  it('suggests only groups that can be activated now, alphabetically, at most a handful', () => {
    const items = [
      item('SG-B'),
      item('SG-A'),
      item('SG-Active', { active: { assignmentType: 'activated', startMs: 0, endMs: 1 } }),
      item('SG-Pending', { pending: { requestId: 'r', createdMs: 0, startMs: null } }),
      item('SG-Permanent', { eligible: false }),
      ...Array.from({ length: 10 }, (_, i) => item(`SG-Z${i}`)),
    ];
    const suggestions = suggestionsFor(items, 'sg', collator, label);
    expect(suggestions).toHaveLength(MAX_SUGGESTIONS);
    expect(suggestions.slice(0, 2).map((s) => s.content)).toEqual(['id-SG-A:member', 'id-SG-B:member']);
    expect(suggestions.some((s) => /Active|Pending|Permanent/.test(s.content))).toBe(false);
  });

  it('takes the chosen suggestion by key, else the first match of typed text', () => {
    const items = [item('Helpdesk Tier 2'), item('SG-VPN-Users'), item('SG-VPN-Admins', { accessId: 'owner' })];
    expect(chosenItem(items, 'id-SG-VPN-Users:member', collator)?.groupName).toBe('SG-VPN-Users');
    expect(chosenItem(items, 'vpn', collator)?.groupName).toBe('SG-VPN-Admins');
    expect(chosenItem(items, 'nothing like it', collator)).toBeUndefined();
  });
});
