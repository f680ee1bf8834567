/**
 * Preflight (issue 18, point 4): before any suite, one documented, non-creating request per endpoint, with the run's
 * credentials. No answer, a refusal of the credentials (401/403, or the IAM token request failing), or "come back
 * later" (429/502/503/504 after the client's retry) makes the target unusable; any other answer — 404 for the id
 * that does not exist included — shows the endpoint answers and accepts the credentials.
 *
 * IMS: GET /v2/images/{image_id} (ims-querying_image_details_native_openstack_api.rst); EVS: GET
 * /v2/{project_id}/volumes/{volume_id} (evs-querying_details_about_a_disk.rst), of the target's available disk when
 * it names one.
 */
import type { SecretRegistry } from '../http/redact.js';
import type { Exchange, Service } from '../model/exchange.js';
import type { TargetUnusable } from '../model/verdict.js';
import { createTargetClient } from '../target/connect.js';
import type { TargetConfig } from '../target/types.js';
import { unusableFrom } from './unusable.js';

/** An id no resource has (version-4 UUID layout, all zeros but the version). */
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** The preflight never waits longer than this per request, whatever the target's timeout. */
const PREFLIGHT_TIMEOUT_MS = 15_000;

/** What a preflight answer says about the target: undefined when it is usable. */
export function judgePreflight(x: Exchange): TargetUnusable['kind'] | undefined {
  const status = x.response?.status;
  if (status === undefined) {
    return x.error?.kind === 'auth' ? 'credentials' : 'unreachable';
  }
  if (status === 401 || status === 403) {
    return 'credentials';
  }
  if (status === 429 || status === 502 || status === 503 || status === 504) {
    return 'throttled';
  }
  return undefined;
}

function probePath(target: TargetConfig, service: Service): string {
  if (service === 'ims') {
    return `/v2/images/${NO_SUCH_ID}`;
  }
  const volume = target.fixtures.volumes?.available ?? NO_SUCH_ID;
  return `/v2/${encodeURIComponent(target.projectId)}/volumes/${encodeURIComponent(volume)}`;
}

/** Probes both endpoints at once; resolves to why the target is unusable, or undefined when it is usable. */
export async function preflight(target: TargetConfig, secrets: SecretRegistry): Promise<TargetUnusable | undefined> {
  const limits = {
    ...target.limits,
    timeoutMs: Math.min(target.limits.timeoutMs, PREFLIGHT_TIMEOUT_MS),
    budgetMs: 4 * PREFLIGHT_TIMEOUT_MS,
  };
  const client = createTargetClient({ ...target, limits }, secrets, { retries: 1 });
  try {
    const services: Service[] = ['ims', 'evs'];
    const answers = await Promise.all(
      services.map((service) =>
        client.send({ service, method: 'GET', path: probePath(target, service), label: `preflight: ${service}` }),
      ),
    );
    for (const x of answers) {
      const kind = judgePreflight(x);
      if (kind !== undefined) {
        return unusableFrom(x, target.endpoints[x.service], kind, 'preflight');
      }
    }
    return undefined;
  } finally {
    await client.close();
  }
}
