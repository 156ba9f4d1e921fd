import { describe, expect, it } from 'vitest';
import { idCheckDigit, isResidentId, luhnValid } from '../../shared/moderation/pii.js';

describe('the checks behind the detectors', () => {
  it('computes the GB 11643-1999 check digit, X included', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X'); // the standard's own example
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('11010519491231002x')).toBe(true);
    expect(isResidentId('110105194912310021')).toBe(false); // wrong check digit
    expect(isResidentId('110105194913310028')).toBe(false); // month 13
  });

  it('applies the Luhn check', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('6222021234567890128')).toBe(luhnValid('6222021234567890128'));
  });
});
