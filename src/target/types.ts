/**
 * A resolved target (types only): what the loader returns after the file, the environment and the
 * defaults are merged.
 *
 * @see ./config.schema.json for the file format
 * @see ../shared/DESIGN.md "Targets"
 */

import type { AuthConfig } from '../auth/types.js';
import type { ErrorCode } from '../errors.js';
import type { Service } from '../model/exchange.js';

/** OBS files as `bucket:file`, for image_url. */
export interface ObsFixtures {
  readonly system?: string;
  readonly data?: string;
  readonly dataimage?: string;
  /** A file that does not exist, for the negative cases. */
  readonly missing?: string;
}

export interface VolumeFixtures {
  readonly available?: string;
  readonly inUse?: string;
  /** A second available disk for the stateful export flows; without it they use `available` (serialised). */
  readonly flow?: string;
}

/** A second project, for cross-project (403/404) cases. */
export interface OtherProjectFixture {
  readonly projectId: string;
  readonly token?: string;
  readonly volume?: string;
}

export interface TargetFixtures {
  readonly obs?: ObsFixtures;
  readonly volumes?: VolumeFixtures;
  readonly otherProject?: OtherProjectFixture;
}

export interface TargetLimits {
  readonly concurrency: number;
  /** Requests per second; 0 = unlimited. */
  readonly rps: number;
  readonly timeoutMs: number;
  readonly budgetMs: number;
}

export interface TargetSafety {
  /** Derived from the endpoints when not set: not loopback = remote. */
  readonly remote: boolean;
  /** Whether cases that create resources may run; false by default on a remote target. */
  readonly allowCreate: boolean;
  readonly maxCreates: number;
}

export interface TargetConfig {
  readonly name: string;
  readonly endpoints: Readonly<Record<Service, string>>;
  readonly projectId: string;
  readonly auth: AuthConfig;
  readonly fixtures: TargetFixtures;
  readonly limits: TargetLimits;
  readonly safety: TargetSafety;
  /**
   * The document revision the target implements (`revision:`), absent when the file names none: the run then uses
   * the one the specs mark default. Which revisions exist is the specs' business, checked when a run starts.
   */
  readonly revision?: string;
  /** Where it came from: the file path, `env`, or `local-mock`. */
  readonly source: string;
  /** Static headers sent with the credentials on every authenticated request (`headers:`, src/target/headers.ts). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Names of the headers whose values came from the environment: secrets, redacted everywhere. */
  readonly secretHeaders?: readonly string[];
}

/** One problem with the target; `message` is the full line shown to the user, secrets `***`. */
export interface TargetDiagnostic {
  readonly code: ErrorCode;
  /** e.g. `target.yaml:3:9: TARGET_BAD_KEY: auth.mode must be one of …` or `env IMS_ENDPOINT: not an http(s) URL (…)`. */
  readonly message: string;
  /** The file path, or `env IMS_ENDPOINT`. */
  readonly source: string;
  /** Dotted key, e.g. `auth.mode`. */
  readonly key?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly pointer?: string;
}
