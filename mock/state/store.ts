/**
 * In-memory state of the mock: images per project, plus the deferred effects (job results, volume
 * status changes) that become visible once their time has come. Nothing runs on a timer: readers call
 * `settle(now)` first, so an idle mock keeps no process alive.
 */

/** An image as GET /v2/images/{id} returns it (002 response table, the GET reference page). */
export interface ImageRecord {
  id: string;
  owner: string;
  protected: boolean;
  status: string;
  [attribute: string]: unknown;
}

interface Deferred {
  readonly dueMs: number;
  readonly run: () => void;
}

/** Images per project; a project only ever sees its own. */
export class ImageStore {
  readonly #byProject = new Map<string, Map<string, ImageRecord>>();

  #project(projectId: string): Map<string, ImageRecord> {
    let images = this.#byProject.get(projectId);
    if (images === undefined) {
      images = new Map();
      this.#byProject.set(projectId, images);
    }
    return images;
  }

  add(projectId: string, image: ImageRecord): void {
    this.#project(projectId).set(image.id, image);
  }

  get(projectId: string, id: string): ImageRecord | undefined {
    return this.#byProject.get(projectId)?.get(id);
  }

  /** The image in whichever project holds it (only the isolation deviation asks). */
  findAny(id: string): ImageRecord | undefined {
    for (const images of this.#byProject.values()) {
      const image = images.get(id);
      if (image !== undefined) {
        return image;
      }
    }
    return undefined;
  }

  delete(projectId: string, id: string): boolean {
    return this.#byProject.get(projectId)?.delete(id) ?? false;
  }

  /** The project's images in creation order. */
  list(projectId: string): ImageRecord[] {
    const images = this.#byProject.get(projectId);
    return images === undefined ? [] : [...images.values()];
  }
}

/** Effects due at a time, applied in due order by `settle`. */
export class DeferredEffects {
  #pending: Deferred[] = [];

  at(dueMs: number, run: () => void): void {
    this.#pending.push({ dueMs, run });
  }

  /** Applies every effect due at or before `now`. */
  settle(now: number): void {
    if (this.#pending.length === 0) {
      return;
    }
    const due = this.#pending.filter((d) => d.dueMs <= now).sort((a, b) => a.dueMs - b.dueMs);
    if (due.length === 0) {
      return;
    }
    this.#pending = this.#pending.filter((d) => d.dueMs > now);
    for (const d of due) {
      d.run();
    }
  }
}
