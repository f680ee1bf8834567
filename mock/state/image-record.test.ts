import { describe, expect, it } from 'vitest';
import { imageRecord } from './image-record.js';

const fields = {
  owner: 'p1',
  now: Date.UTC(2016, 5, 2, 7, 49, 48),
  name: 'test',
  status: 'queued',
  minDisk: 1,
  minRam: 1024,
  diskFormat: 'vhd',
  containerFormat: 'bare',
  virtualEnvType: 'FusionCompute',
  tags: ['test', 'image'],
  protected: false,
  imageSize: 0,
  osVersion: 'Ubuntu 14.04 server 64bit',
} as const;

describe('imageRecord', () => {
  it('carries extra properties, but never over a documented attribute', () => {
    const image = imageRecord({ ...fields, extra: { aaaa: '11111', id: 'forged', status: 'active', self: 'x' } });
    expect(image.aaaa).toBe('11111');
    expect(image.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(image.status).toBe('queued');
    expect(image.self).toBe(`/v2/images/${image.id}`);
  });

  it('derives the OS attributes from __os_version and formats times as 002 does', () => {
    const image = imageRecord(fields);
    expect(image.__os_version).toBe('Ubuntu 14.04 server 64bit');
    expect(image.__os_bit).toBe('64');
    expect(image.created_at).toBe('2016-06-02T07:49:48Z');
    expect(image.tags).toEqual(['test', 'image']);
    expect(image.tags).not.toBe(fields.tags);
  });
});
