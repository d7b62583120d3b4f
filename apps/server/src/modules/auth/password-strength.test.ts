import { describe, expect, it } from 'vitest';
import { weakPasswordReason } from './password-strength.js';

describe('password strength', () => {
  it.each([
    ['1234567890', 'common'],
    ['Password123', 'common'],
    ['zzzzzzzzzzzz', 'repeats'],
    ['ababababab', 'repeats'],
    ['qwertyuiop', 'common'],
    ['9876543210', 'sequence'],
    ['defghijklmno', 'sequence'],
    ['li.lei-2026!', 'email'],
    ['Wang Fang Wang', null],
  ])('%s', (password, expected) => {
    const reason = weakPasswordReason(password, 'li.lei@example.com', 'Wang Fang');
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(new RegExp(expected));
  });

  it('accepts passphrases and refuses the person\'s own name', () => {
    expect(weakPasswordReason('blue-lantern-orchard-7', 'a@example.com', '张伟')).toBeNull();
    expect(weakPasswordReason('雨后的西湖边有一只猫', 'a@example.com', '张伟')).toBeNull();
    expect(weakPasswordReason('Wang Fang Li', 'a@example.com', 'wangfangli')).toMatch(/name/);
  });
});
