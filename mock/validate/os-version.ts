/**
 * The `__os_version` value list and what an image derives from it (`__os_type`, `__platform`, `__os_bit`).
 * @see ../shared/docs/reference/ims-values_of_related_parameters.rst, Table 1 "__os_version values"
 */

/** Table 1, grouped by its "OS Type" column; the group maps to `__platform` (ims-image_attributes.rst values). */
const TABLE_1: readonly (readonly [platform: string, versions: readonly string[]])[] = [
  [
    'Windows',
    [
      'Windows 10 64bit',
      'Windows 7 Enterprise 64bit',
      'Windows 7 Professional 64bit',
      'Windows 7 Professional 32bit',
      'Windows Server 2016 Standard 64bit',
      'Windows Server 2016 Datacenter 64bit',
      'Windows Server 2012 R2 Standard 64bit',
      'Windows Server 2012 Essentials R2 64bit',
      'Windows Server 2012 R2 Datacenter 64bit',
      'Windows Server 2012 Datacenter 64bit',
      'Windows Server 2012 Standard 64bit',
      'Windows Server 2008 R2 WEB 64bit',
      'Windows Server 2008 R2 Standard 64bit',
      'Windows Server 2008 R2 Enterprise 64bit',
      'Windows Server 2008 R2 Datacenter 64bit',
    ],
  ],
  [
    'SUSE',
    [
      'SUSE Linux Enterprise Server 15 SP1 64bit',
      'SUSE Linux Enterprise Server 15 64bit',
      'SUSE Linux Enterprise Server 12 SP5 64bit',
      'SUSE Linux Enterprise Server 12 SP4 64bit',
      'SUSE Linux Enterprise Server 12 SP3 64bit',
      'SUSE Linux Enterprise Server 12 SP2 64bit',
      'SUSE Linux Enterprise Server 12 SP1 64bit',
      'SUSE Linux Enterprise Server 12 64bit',
      'SUSE Linux Enterprise Server 11 SP4 64bit',
      'SUSE Linux Enterprise Server 11 SP3 64bit',
      'SUSE Linux Enterprise Server 11 SP3 32bit',
      'SUSE Linux Enterprise Server 11 SP1 64bit',
    ],
  ],
  [
    'Oracle Linux',
    [
      'Oracle Linux Server release 7.6 64bit',
      'Oracle Linux Server release 7.5 64bit',
      'Oracle Linux Server release 7.4 64bit',
      'Oracle Linux Server release 7.3 64bit',
      'Oracle Linux Server release 7.2 64bit',
      'Oracle Linux Server release 7.1 64bit',
      'Oracle Linux Server release 7.0 64bit',
      'Oracle Linux Server release 6.10 64bit',
      'Oracle Linux Server release 6.9 64bit',
      'Oracle Linux Server release 6.8 64bit',
      'Oracle Linux Server release 6.7 64bit',
      'Oracle Linux Server release 6.5 64bit',
    ],
  ],
  [
    'Red Hat',
    [
      'Redhat Linux Enterprise 8.0 64bit',
      'Redhat 7.6 64bit',
      'Redhat Linux Enterprise 7.5 64bit',
      'Redhat Linux Enterprise 7.4 64bit',
      'Redhat Linux Enterprise 7.3 64bit',
      'Redhat Linux Enterprise 7.2 64bit',
      'Redhat Linux Enterprise 7.1 64bit',
      'Redhat Linux Enterprise 7.0 64bit',
      'Redhat Linux Enterprise 6.10 64bit',
      'Redhat Linux Enterprise 6.9 64bit',
      'Redhat Linux Enterprise 6.8 64bit',
      'Redhat Linux Enterprise 6.7 64bit',
      'Redhat Linux Enterprise 6.6 64bit',
      'Redhat Linux Enterprise 6.6 32bit',
      'Redhat Linux Enterprise 6.5 64bit',
      'Redhat Linux Enterprise 6.4 64bit',
      'Redhat Linux Enterprise 6.4 32bit',
    ],
  ],
  [
    'Ubuntu',
    [
      'Ubuntu 19.04 server 64bit',
      'Ubuntu 18.04 server 64bit',
      'Ubuntu 16.04.3 Server 64bit',
      'Ubuntu 16.04.2 Server 64bit',
      'Ubuntu 16.04 server 64bit',
      'Ubuntu 14.04.5 server 64bit',
      'Ubuntu 14.04.4 server 64bit',
      'Ubuntu 14.04.4 server 32bit',
      'Ubuntu 14.04.3 server 64bit',
      'Ubuntu 14.04.3 server 32bit',
      'Ubuntu 14.04.1 server 64bit',
      'Ubuntu 14.04.1 server 32bit',
      'Ubuntu 14.04 server 64bit',
      'Ubuntu 14.04 server 32bit',
    ],
  ],
  [
    'OpenSUSE',
    [
      'openSUSE 42.3 64bit',
      'openSUSE 42.2 64bit',
      'openSUSE 42.1 64bit',
      'openSUSE 15.1 64bit',
      'openSUSE 15.0 64bit',
      'openSUSE 13.2 64bit',
      'openSUSE 11.3 64bit',
    ],
  ],
  [
    'CentOS',
    [
      'CentOS 8.0 64bit',
      'CentOS 7.7 64bit',
      'CentOS 7.6 64bit',
      'CentOS 7.5 64bit',
      'CentOS 7.4 64bit',
      'CentOS 7.3 64bit',
      'CentOS 7.2 64bit',
      'CentOS 7.1 64bit',
      'CentOS 7.0 64bit',
      'CentOS 7.0 32bit',
      'CentOS 6.10 64bit',
      'CentOS 6.10 32bit',
      'CentOS 6.9 64bit',
      'CentOS 6.9 32bit',
      'CentOS 6.8 64bit',
      'CentOS 6.7 64bit',
      'CentOS 6.7 32bit',
      'CentOS 6.6 64bit',
      'CentOS 6.6 32bit',
      'CentOS 6.5 64bit',
      'CentOS 6.5 32bit',
      'CentOS 6.4 64bit',
      'CentOS 6.4 32bit',
      'CentOS 6.3 64bit',
      'CentOS 6.3 32bit',
    ],
  ],
  [
    'Debian',
    [
      'Debian GNU/Linux 10.0.0 64bit',
      'Debian GNU/Linux 9.3.0 64bit',
      'Debian GNU/Linux 9.0.0 64bit',
      'Debian GNU/Linux 8.10.0 64bit',
      'Debian GNU/Linux 8.8.0 64bit',
      'Debian GNU/Linux 8.7.0 64bit',
      'Debian GNU/Linux 8.6.0 64bit',
      'Debian GNU/Linux 8.5.0 64bit',
      'Debian GNU/Linux 8.4.0 64bit',
      'Debian GNU/Linux 8.2.0 64bit',
      'Debian GNU/Linux 8.1.0 64bit',
    ],
  ],
  [
    'Fedora',
    [
      'Fedora 30 64bit',
      'Fedora 29 64bit',
      'Fedora 28 64bit',
      'Fedora 27 64bit',
      'Fedora 26 64bit',
      'Fedora 25 64bit',
      'Fedora 24 64bit',
      'Fedora 23 64bit',
      'Fedora 22 64bit',
    ],
  ],
  [
    'EulerOS',
    ['EulerOS 2.9 64bit', 'EulerOS 2.5 64bit', 'EulerOS 2.3 64bit', 'EulerOS 2.2 64bit', 'EulerOS 2.1 64bit'],
  ],
  ['CoreOS', ['CoreOS 1068.10.0', 'CoreOS 1010.5.0', 'CoreOS 1298.6.0']],
  // openEuler is not among ims-image_attributes.rst's __platform values; "Other" is.
  ['Other', ['openEuler 20.03 64bit']],
];

/** What an image derives from its `__os_version` (002, Response: "depends on that of __os_version"). */
export interface OsInfo {
  readonly osType: 'Windows' | 'Linux' | 'Other';
  readonly platform: string;
  readonly bit: '32' | '64';
}

/** 002, __os_version: "If this parameter is not specified, the value will be set to Other Linux(64 bit)." */
export const DEFAULT_OS_VERSION = 'Other Linux(64 bit)';

const OS_INFO: ReadonlyMap<string, OsInfo> = new Map([
  ...TABLE_1.flatMap(([platform, versions]) =>
    versions.map((v): [string, OsInfo] => [
      v,
      { osType: platform === 'Windows' ? 'Windows' : 'Linux', platform, bit: v.endsWith('32bit') ? '32' : '64' },
    ]),
  ),
  [DEFAULT_OS_VERSION, { osType: 'Linux', platform: 'Other', bit: '64' }],
]);

/** Returns the derived attributes, or undefined when the value is not in Table 1 (case-sensitive). */
export function osInfo(osVersion: string): OsInfo | undefined {
  return OS_INFO.get(osVersion);
}

/** True when the value is one of Table 1's (the default "Other Linux(64 bit)" is not a listed value). */
export function isListedOsVersion(osVersion: string): boolean {
  return osVersion !== DEFAULT_OS_VERSION && OS_INFO.has(osVersion);
}
