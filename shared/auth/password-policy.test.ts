import { describe, expect, test } from 'vitest';
import { contextWords, passwordProblem } from './password-policy';

const ada = { email: 'ada.lovelace@example.org', name: 'Ada King Lovelace', hospitalName: 'St Bartholomew General' };

describe('the password policy', () => {
  test('a long phrase of ordinary words passes', () => {
    expect(passwordProblem('correct horse battery staple', ada)).toBeNull();
    expect(passwordProblem('Canada geese fly south in 1843', ada)).toBeNull();
  });

  test('spaces only are refused, however many', () => {
    expect(passwordProblem('        ', ada)).toBe('blank');
    expect(passwordProblem('\t\t  \n   ', ada)).toBe('blank');
  });

  test('common passwords are refused in any letter case', () => {
    for (const p of ['password123', 'PASSWORD123', 'qwertyuiop', 'iloveyou']) expect(passwordProblem(p, ada), p).toBe('common');
  });

  test('the name, the email name and the hospital name are refused, even behind punctuation or capitals', () => {
    for (const p of ['lovelace-forever', 'LOVELACE1815', 'Love-Lace 2026', 'ada.lovelace!!', 'bartholomew rocks', 'generally fine', 'my wardline pass']) {
      expect(passwordProblem(p, ada), p).toBe('context');
    }
  });

  test('short words of a name are not context words: "Ada" would refuse too much', () => {
    expect(contextWords(ada)).not.toContain('ada');
    expect(contextWords(ada)).toEqual(expect.arrayContaining(['lovelace', 'king', 'ada.lovelace', 'bartholomew', 'general', 'wardline']));
  });
});
