import type { TargetConfig } from '../target/types.js';

/**
 * The target's fixtures flattened to the names specs use in `fixture:` (`obs.system`, `volumes.available`,
 * `project_id` …). Ids created while the run prepares (an image, a job) are added later under `image.id`, `job.id`.
 */
export function flattenFixtures(target: TargetConfig): Record<string, string> {
  const out: Record<string, string> = { project_id: target.projectId };
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined) {
      out[key] = value;
    }
  };
  const f = target.fixtures;
  put('obs.system', f.obs?.system);
  put('obs.data', f.obs?.data);
  put('obs.dataimage', f.obs?.dataimage);
  put('obs.missing', f.obs?.missing);
  put('volumes.available', f.volumes?.available);
  put('volumes.in_use', f.volumes?.inUse);
  put('volumes.flow', f.volumes?.flow ?? f.volumes?.available);
  put('other.project_id', f.otherProject?.projectId);
  put('other.volume', f.otherProject?.volume);
  return out;
}
