import { describe, expect, it } from 'vitest';
import { conversationLanguage, messageLanguage } from './language.js';

describe('the language of a conversation', () => {
  it('tells nynorsk, bokmål and English apart by the words only one of them uses', () => {
    expect(messageLanguage('Eg har gløymt passordet mitt')).toBe('nn');
    expect(messageLanguage('kvifor verkar ikkje bankid')).toBe('nn');
    expect(messageLanguage('Jeg har glemt passordet mitt')).toBe('nb');
    expect(messageLanguage('hvorfor virker ikke bankid')).toBe('nb');
    expect(messageLanguage('My BankID app is not working, what can I do?')).toBe('en');
  });

  it('says nothing of a message without such words', () => {
    for (const text of ['BID-14B1', 'hei', 'bankid mobil', '']) expect(messageLanguage(text)).toBeNull();
  });

  it('reads on until a message says, up to the third, else undetermined', () => {
    expect(conversationLanguage(['BID-14B1', 'kva betyr det?'])).toBe('nn');
    expect(conversationLanguage(['hei', 'takk', 'ok', 'jeg forstår ikke'])).toBe('und');
    expect(conversationLanguage([])).toBe('und');
  });
});
