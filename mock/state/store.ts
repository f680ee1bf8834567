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

/**
 * Effects due at a time, applied in due order by `settle` (ties in the order they were added). A binary min-heap on
 * (due time, order added): `settle` touches only what is due, so an effect that never comes due (an export that
 * never ends) or a backlog of future ones costs nothing per request — a list filtered on every `settle` did.
 */
export class DeferredEffects {
  readonly #heap: (Deferred & { readonly seq: number })[] = [];
  #seq = 0;

  at(dueMs: number, run: () => void): void {
    const heap = this.#heap;
    heap.push({ dueMs, run, seq: this.#seq++ });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(i, parent)) {
        break;
      }
      this.#swap(i, parent);
      i = parent;
    }
  }

  /** Applies every effect due at or before `now`. */
  settle(now: number): void {
    const heap = this.#heap;
    while (heap.length > 0 && (heap[0]?.dueMs ?? Number.POSITIVE_INFINITY) <= now) {
      const first = heap[0];
      const last = heap.pop();
      if (first === undefined || last === undefined) {
        return;
      }
      if (heap.length > 0) {
        heap[0] = last;
        this.#siftDown();
      }
      first.run();
    }
  }

  #before(a: number, b: number): boolean {
    const x = this.#heap[a];
    const y = this.#heap[b];
    return x !== undefined && y !== undefined && (x.dueMs < y.dueMs || (x.dueMs === y.dueMs && x.seq < y.seq));
  }

  #swap(a: number, b: number): void {
    const heap = this.#heap;
    const x = heap[a];
    const y = heap[b];
    if (x !== undefined && y !== undefined) {
      heap[a] = y;
      heap[b] = x;
    }
  }

  #siftDown(): void {
    const n = this.#heap.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < n && this.#before(left, least)) {
        least = left;
      }
      if (right < n && this.#before(right, least)) {
        least = right;
      }
      if (least === i) {
        return;
      }
      this.#swap(i, least);
      i = least;
    }
  }
}
