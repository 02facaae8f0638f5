// The sample deployment under deploy/ (docs/deployment.md) agrees with the server: the environment file
// and the systemd unit set only settings the server reads, with values it accepts, and nginx's limits and
// timeouts fit the servers' own. The two-server test starts its servers from the same environment file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, SETTING_NAMES } from '../src/platform/config.ts';
import { DEPLOY_DIR, readEnvironmentFile } from './server-process.ts';

const env = readEnvironmentFile(path.join(DEPLOY_DIR, 'systemd/bancheng.env.example'));
const unit = fs.readFileSync(path.join(DEPLOY_DIR, 'systemd/bancheng@.service'), 'utf8');
const nginx = fs.readFileSync(path.join(DEPLOY_DIR, 'nginx/bancheng.conf'), 'utf8');

/** The values of a systemd directive, in order. */
const unitValues = (name: string) =>
  [...unit.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((m) => m[1]?.trim() ?? '');

/** The values of an nginx directive (comments left out), in order. */
const nginxValues = (name: string) =>
  [...nginx.replace(/#.*$/gm, '').matchAll(new RegExp(`^\\s*${name}\\s+([^;\\n]+);`, 'gm'))].map(
    (m) => m[1]?.trim() ?? '',
  );

/** An nginx time (60s, 1m) in seconds, or an nginx size (11m, 512k) in megabytes. */
const parse = (value: string | undefined, units: Record<string, number>) => {
  const m = /^(\d+)([a-z]?)$/.exec(value ?? '');
  const unit = units[m?.[2] ?? ''];
  if (!m || unit === undefined) throw new Error(`not an nginx amount: ${value}`);
  return Number(m[1]) * unit;
};
const seconds = (value: string | undefined) => parse(value, { '': 1, s: 1, m: 60, h: 3600 });
const megabytes = (value: string | undefined) => parse(value, { k: 1 / 1024, m: 1, g: 1024 });

describe('the sample deployment in deploy/', () => {
  it('sets only settings the server reads, with values it accepts', () => {
    const fromUnit = unitValues('Environment').map((v) => v.split('=')[0] ?? '');
    expect(fromUnit).toEqual(['PORT', 'HOST']);
    for (const name of [...Object.keys(env), ...fromUnit]) expect(SETTING_NAMES).toContain(name);
    const config = loadConfig({ ...env, PORT: '3001', HOST: '127.0.0.1' });
    expect(config.production).toBe(true);
    expect(config.trustProxy).toBe(true);
    expect(config.databaseUrl).toMatch(/^postgres:\/\//);
  });

  it('lets each unit write only to DATA_DIR, and start only once it is mounted', () => {
    expect(unitValues('EnvironmentFile')).toEqual(['/etc/bancheng/bancheng.env']);
    expect(unitValues('ReadWritePaths')).toEqual([env['DATA_DIR']]);
    expect(unitValues('RequiresMountsFor')).toEqual([env['DATA_DIR']]);
    expect(unitValues('ProtectSystem')).toEqual(['strict']);
    expect(unitValues('NoNewPrivileges')).toEqual(['yes']);
    expect(unitValues('ExecStart')[0]).toMatch(/ packages\/server\/src\/main\.ts$/);
  });

  it('gives nginx the upload limit and the timeouts of the servers behind it', () => {
    const config = loadConfig(env);
    expect(megabytes(nginxValues('client_max_body_size')[0])).toBeGreaterThan(
      config.attachmentMaxBytes / 1024 / 1024,
    );
    // nginx lets an idle upstream connection go before the server would close it.
    expect(seconds(nginxValues('keepalive_timeout')[0])).toBeLessThan(config.keepAliveTimeoutMs / 1000);
    expect(seconds(nginxValues('proxy_read_timeout')[0])).toBeGreaterThanOrEqual(
      config.connectionTimeoutMs / 1000,
    );
    const upstream = /^upstream bancheng \{([^}]*)\}/m.exec(nginx)?.[1] ?? '';
    const upstreams = [...upstream.matchAll(/^\s*server\s+(\S+)/gm)].map((m) => m[1] ?? '');
    expect(upstreams.length).toBeGreaterThanOrEqual(2);
    for (const address of upstreams) expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('has nginx tell the servers the client’s own address and scheme, which TRUST_PROXY believes', () => {
    const headers = nginxValues('proxy_set_header');
    expect(headers).toContain('X-Forwarded-For $remote_addr');
    expect(headers).toContain('X-Forwarded-Proto $scheme');
    expect(headers).toContain('Host $http_host');
    expect(nginx).not.toMatch(/^\s*proxy_set_header\s+X-Forwarded-For\s+\$proxy_add_x_forwarded_for/m);
  });
});
