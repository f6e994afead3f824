import { methodFromReason } from '../../../src/audit/chain-activities';
import { objectList } from '../../../src/audit/fields';
import { isSignInRecord } from '../../../src/audit/normalize-signin';
import { viewRecord } from '../../../src/audit/record-view';
import { isUserTarget } from '../../../src/audit/tap-creation';

/** The two-pass form `methodFromReason` had; the one-pass form must answer as it does for every reason. */
function methodFromReasonReference(reason: string): string {
  const stripped = reason
    .trim()
    .replace(/^(user|admin)\s+(registered|updated|deleted|removed|changed)\s+/i, '')
    .replace(/\s+for\s+user\s*$/i, '')
    .trim();
  return stripped === '' ? 'unnamed method' : stripped;
}

/** A small deterministic generator (xorshift32), so a failure repeats. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

const PIECES = [
  'User',
  'ADMIN',
  'admin',
  'registered',
  'Deleted',
  'changed',
  'phone',
  'method',
  'for',
  'FOR',
  'user',
  'USER',
  'usEr',
  'users',
  'Fido2',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '\n',
  '\u3000',
  'x',
  'ſ',
  'K',
  'İ',
];

describe('methodFromReason()', () => {
  it.each([
    ['User registered Fido2 Authentication Method', 'Fido2 Authentication Method'],
    ['Admin registered phone method for user', 'phone method'],
    ['  Admin deleted phone method FOR   USER  ', 'phone method'],
    ['Admin registered for user', 'for user'],
    ['Admin registered  for user', 'for user'],
    ['phone for user for user', 'phone for user'],
    ['Admin registered ', 'Admin registered'],
    ['for user', 'for user'],
    ['x for useR', 'x'],
    ['x for users', 'x for users'],
    ['', 'unnamed method'],
    ['   ', 'unnamed method'],
  ])('reads %j as %j', (reason, method) => {
    expect(methodFromReason(reason)).toBe(method);
    expect(methodFromReasonReference(reason)).toBe(method);
  });

  it('answers as the two-pass form for 20,000 reasons built from its words, whitespace and look-alike letters', () => {
    const next = generator(20_261_127);
    const differing: string[] = [];
    for (let n = 0; n < 20_000; n += 1) {
      const length = 1 + Math.floor(next() * 9);
      let reason = '';
      for (let i = 0; i < length; i += 1) {
        reason += PIECES[Math.floor(next() * PIECES.length)];
        if (next() < 0.6) reason += ' ';
      }
      if (methodFromReason(reason) !== methodFromReasonReference(reason)) differing.push(reason);
    }
    expect(differing).toEqual([]);
  });
});

describe('isSignInRecord() categories', () => {
  const asCategory = (category: string) => isSignInRecord({ id: '1', activityDisplayName: 'x', category });

  it('accepts a category ending in signinlogs in any letter case', () => {
    expect(asCategory('SignInLogs')).toBe(true);
    expect(asCategory('NonInteractiveUserSignInLogs')).toBe(true);
    expect(asCategory('SIGNINLOGS')).toBe(true);
  });

  it('answers as lower-casing would for every character in place of each letter of the word', () => {
    const word = 'signinlogs';
    for (let code = 0; code < 0x10000; code += 1) {
      const ch = String.fromCharCode(code);
      for (let at = 0; at < word.length; at += 1) {
        const category = `Audit${word.slice(0, at)}${ch}${word.slice(at + 1)}`;
        const expected = category.toLowerCase().endsWith('signinlogs');
        if (asCategory(category) !== expected) throw new Error(`differs for U+${code.toString(16)} at ${at}`);
      }
    }
  });

  it('keeps audit records that name no sign-in category as audit records', () => {
    expect(asCategory('UserManagement')).toBe(false);
    expect(asCategory('SignInLogsArchive')).toBe(false);
  });
});

describe('objectList()', () => {
  it('returns an array of objects as it is, without copying it', () => {
    const targets = [{ id: 'a' }, { id: 'b' }];
    expect(objectList({ targetResources: targets }, 'targetResources')).toBe(targets);
  });

  it('drops items that are not objects and decodes JSON text items, keeping the order', () => {
    const list = objectList({ t: [{ id: 'a' }, 3, '{"id":"b"}', null, [1], { id: 'c' }] }, 't');
    expect(list).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
  });

  it('reads an object as a one-item list and anything else as an empty one', () => {
    expect(objectList({ t: { id: 'a' } }, 't')).toEqual([{ id: 'a' }]);
    expect(objectList({ t: 'plain text' }, 't')).toEqual([]);
    expect(objectList({}, 't')).toEqual([]);
  });
});

describe('viewRecord() shapes', () => {
  it('tells a Log Analytics row by any one of its PascalCase columns', () => {
    expect(viewRecord({ Id: '1' }).source).toBe('log-analytics');
    expect(viewRecord({ id: '1', LoggedByService: 'Authentication Methods' }).source).toBe('log-analytics');
    expect(viewRecord({ id: '1', loggedByService: 'Authentication Methods' }).source).toBe('graph');
    expect(viewRecord({ id: '1', properties: { id: '2' } }).source).toBe('azure-monitor');
  });
});

describe('isUserTarget()', () => {
  it('accepts User in any letter case and with whitespace, and nothing else', () => {
    expect(isUserTarget({ type: 'User' })).toBe(true);
    expect(isUserTarget({ Type: ' user ' })).toBe(true);
    expect(isUserTarget({ type: 'USER' })).toBe(true);
    expect(isUserTarget({ type: 'Users' })).toBe(false);
    expect(isUserTarget({ type: 1 })).toBe(false);
    expect(isUserTarget({})).toBe(false);
  });
});
