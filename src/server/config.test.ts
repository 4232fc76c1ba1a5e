import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has documented defaults and is frozen', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '0.0.0.0', dataDir: './data', contentDir: './content', databaseUrl: undefined, trustProxy: false, abandonAfterMinutes: 15, widgetOrigins: [] });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads every key and treats empty values as unset', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h/db',
      REDIS_URL: 'redis://h:6379',
      OPENING_HOURS: 'mon-fri 08:00-16:00',
      ADMIN_EMAIL: 'admin@bank.no',
      ADMIN_PASSWORD: 'long enough password',
      TRUST_PROXY: 'true',
      ABANDON_AFTER_MINUTES: '30',
      WIDGET_ORIGINS: ' https://www.bank.no/ , http://localhost:8080,https://www.bank.no',
      HOST: '',
    });
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', redisUrl: 'redis://h:6379', openingHours: 'mon-fri 08:00-16:00', trustProxy: 1, abandonAfterMinutes: 30 });
    expect(c.widgetOrigins).toEqual(['https://www.bank.no', 'http://localhost:8080']);
  });

  it('reads the rate limits, defaulting to those that suit customers', () => {
    expect(loadConfig({}).limits).toEqual({ requestsPerAddressPerMinute: 600, conversationsPerAddressPerMinute: 30, loginsPerAddressPerMinute: 30, messagesPerConversationPerMinute: 30 });
    expect(loadConfig({ RATE_LIMIT_REQUESTS: '1000000', RATE_LIMIT_MESSAGES: '5000' }).limits).toMatchObject({ requestsPerAddressPerMinute: 1_000_000, messagesPerConversationPerMinute: 5000, loginsPerAddressPerMinute: 30 });
    expect(() => loadConfig({ RATE_LIMIT_LOGINS: '0' })).toThrowError(/RATE_LIMIT_LOGINS/);
    expect(() => loadConfig({ RATE_LIMIT_CONVERSATIONS: 'many' })).toThrowError(/RATE_LIMIT_CONVERSATIONS/);
  });

  it('names every bad key in one error', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', ADMIN_PASSWORD: 'short' })).toThrowError(
      /PORT[\s\S]*DATABASE_URL: must start with postgres:\/\/[\s\S]*ADMIN_PASSWORD: must be at least 12/,
    );
    expect(() => loadConfig({ REDIS_URL: 'redis://h' })).toThrowError(ConfigError);
    expect(() => loadConfig({ ABANDON_AFTER_MINUTES: '1' })).toThrowError(/ABANDON_AFTER_MINUTES/);
    expect(() => loadConfig({ WIDGET_ORIGINS: 'https://www.bank.no/kundeservice' })).toThrowError(/WIDGET_ORIGINS: "https:\/\/www.bank.no\/kundeservice" is not an origin/);
    expect(() => loadConfig({ WIDGET_ORIGINS: 'www.bank.no' })).toThrowError(/WIDGET_ORIGINS/);
    expect(() => loadConfig({ WIDGET_ORIGINS: '*' })).toThrowError(/WIDGET_ORIGINS/);
  });
});
