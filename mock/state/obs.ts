/**
 * The fake OBS listing and the outcome of importing one of its files.
 * @see ../shared/docs/seeds/001_39f30023824dbbb4.txt, Function: "only ZVHD2 and RAW image files are supported,
 * and the size of image files cannot exceed 1 TB"; min_disk "must be greater than the size of the selected image file"
 */
import type { MockObsFile } from '../config.js';
import { imsErrors, type MockError } from '../errors.js';

const GIB = 1024 ** 3;
const TIB = 1024 ** 4;

/** Why a quick import of `url` fails (checked by the job), or undefined when it succeeds. */
export function quickImportFailure(
  obs: ReadonlyMap<string, MockObsFile>,
  url: string,
  minDiskGb: number,
): MockError | undefined {
  const file = obs.get(url);
  if (file === undefined || file.size === 0 || (file.format !== 'RAW' && file.format !== 'ZVHD2')) {
    return imsErrors.imageFile;
  }
  if (file.size > TIB) {
    return imsErrors.imageFileTooLarge;
  }
  if (minDiskGb * GIB <= file.size) {
    return imsErrors.diskOrMemory;
  }
  return undefined;
}

/** Why a data image import (000) of `url` fails: only a missing or empty file. */
export function dataImageFailure(obs: ReadonlyMap<string, MockObsFile>, url: string): MockError | undefined {
  const file = obs.get(url);
  return file === undefined || file.size === 0 ? imsErrors.imageFile : undefined;
}
