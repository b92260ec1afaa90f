import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { mailBaseUrl, plainHost, publicAddressNotice, slipBaseUrl } from './public-origin';

describe('public address of slips and e-mails', () => {
  it('accepts only a plain host name or IP address with an optional port', () => {
    for (const host of ['dvc.example.vn', 'DVC.Example.VN:8443', '127.0.0.1:3000', '[::1]:3000', 'localhost'])
      expect(plainHost(host)).toBe(host.toLowerCase());
    for (const host of [
      '',
      'evil.example/phish',
      'user@evil.example',
      'a b',
      'dvc.example.vn, evil.example',
      'dvc.example.vn:0',
      'dvc.example.vn:70000',
      '-bad.example',
      'dvc.example.vn.',
      `${'a'.repeat(64)}.vn`,
    ])
      expect(plainHost(host)).toBeNull();
  });

  it('prefers PUBLIC_BASE_URL, then the request, then localhost; e-mails never read the request', () => {
    const unset = { publicBaseUrl: null, port: 3000 };
    expect(slipBaseUrl(unset, { host: 'dvc.example.vn', protocol: 'https' })).toBe('https://dvc.example.vn');
    expect(slipBaseUrl(unset, { host: 'evil/x', protocol: 'https' })).toBe('http://localhost:3000');
    expect(slipBaseUrl(unset, { host: 'dvc.example.vn', protocol: 'gopher' })).toBe('http://localhost:3000');
    const set = { publicBaseUrl: 'https://dichvucong.tayninh.gov.vn', port: 3000 };
    expect(slipBaseUrl(set, { host: 'dvc.example.vn', protocol: 'http' })).toBe(set.publicBaseUrl);
    expect(mailBaseUrl(unset)).toBe('http://localhost:3000');
    expect(mailBaseUrl(set)).toBe(set.publicBaseUrl);
  });

  it('says at start-up which address is in use', () => {
    expect(publicAddressNotice({ publicBaseUrl: null, port: 3000, trustProxy: false })).toMatch(
      /^ {2}PUBLIC_BASE_URL chưa đặt: .*tiêu đề Host.*thư điện tử dùng http:\/\/localhost:3000/,
    );
    expect(publicAddressNotice({ publicBaseUrl: null, port: 3000, trustProxy: true })).toContain(
      'X-Forwarded-Host',
    );
    expect(
      publicAddressNotice({ publicBaseUrl: 'https://cong.tayninh.gov.vn', port: 3000, trustProxy: false }),
    ).toContain('PUBLIC_BASE_URL): https://cong.tayninh.gov.vn');
  });

  it('refuses a PUBLIC_BASE_URL that is not an http(s) address', () => {
    expect(loadConfig({}).publicBaseUrl).toBeNull();
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://cong.tayninh.gov.vn/' }).publicBaseUrl).toBe(
      'https://cong.tayninh.gov.vn',
    );
    for (const value of ['cong.tayninh.gov.vn', 'javascript:alert(1)', 'https://a.vn/?x=1'])
      expect(() => loadConfig({ PUBLIC_BASE_URL: value })).toThrow(/PUBLIC_BASE_URL/);
  });
});
