/**
 * EVS disks: their status, and the export (os-volume_upload_image) that puts them in `uploading`
 * until the export ends, then back to the status they had.
 * @see ../shared/docs/reference/evs-querying_details_about_a_disk.rst
 */
import type { MockVolumeConfig } from '../config.js';
import { evsTime } from '../time.js';

export type VolumeState = 'available' | 'in-use' | 'uploading';

export interface Volume {
  readonly id: string;
  readonly projectId: string;
  status: VolumeState;
  /** The status to return to when an export ends. */
  previous: VolumeState | undefined;
  readonly size: number;
  readonly multiattach: boolean;
  readonly createdMs: number;
  updatedMs: number;
}

/** Disks per project, from the configuration. */
export class VolumeStore {
  readonly #volumes = new Map<string, Volume>();

  constructor(configs: readonly MockVolumeConfig[], now: number) {
    for (const c of configs) {
      this.#volumes.set(c.id, { ...c, previous: undefined, createdMs: now, updatedMs: now });
    }
  }

  /** The disk if it belongs to the project (another project's disk is "not found"). */
  get(projectId: string, id: string): Volume | undefined {
    const volume = this.#volumes.get(id);
    return volume?.projectId === projectId ? volume : undefined;
  }
}

/** The disk as GET /v2/{project_id}/volumes/{volume_id} returns it (`{volume: {...}}`). */
export function volumeView(v: Volume, baseUrl: string): Record<string, unknown> {
  const inUse = (v.status === 'uploading' ? v.previous : v.status) === 'in-use';
  return {
    volume: {
      attachments: inUse
        ? [
            {
              server_id: 'f6f8a2c0-5d0e-4a7b-9b6f-0a1b2c3d4e5f',
              attachment_id: `${v.id.slice(0, 24)}aaaaaaaaaaaa`,
              attached_at: evsTime(v.createdMs),
              host_name: 'mock-host',
              volume_id: v.id,
              device: '/dev/vdb',
              id: v.id,
            },
          ]
        : [],
      links: [
        { href: `${baseUrl}/v2/${v.projectId}/volumes/${v.id}`, rel: 'self' },
        { href: `${baseUrl}/${v.projectId}/volumes/${v.id}`, rel: 'bookmark' },
      ],
      availability_zone: 'az-dc-1',
      'os-vol-host-attr:host': 'az-dc-1#SAS',
      encrypted: false,
      multiattach: v.multiattach,
      shareable: v.multiattach,
      updated_at: evsTime(v.updatedMs),
      'os-volume-replication:extended_status': null,
      replication_status: 'disabled',
      snapshot_id: null,
      id: v.id,
      size: v.size,
      user_id: 'fd03ee73295e45478d88e15263d2ee4e',
      'os-vol-tenant-attr:tenant_id': v.projectId,
      volume_image_metadata: null,
      'os-vol-mig-status-attr:migstat': null,
      metadata: {},
      status: v.status,
      description: '',
      source_volid: null,
      consistencygroup_id: null,
      'os-vol-mig-status-attr:name_id': null,
      name: `mock-volume-${v.id.slice(-4)}`,
      bootable: 'false',
      created_at: evsTime(v.createdMs),
      volume_type: 'SAS',
      storage_cluster_id: null,
    },
  };
}
