import { authPhase } from './auth.js';
import { boundariesPhase } from './boundaries.js';
import { defaultsPhase } from './defaults.js';
import { echoesPhase } from './echoes.js';
import { examplesPhase } from './examples.js';
import { malformedPhase } from './malformed.js';
import { negativesPhase } from './negatives.js';
import { notFoundPhase } from './not-found.js';
import type { Phase } from './phase.js';
import { validPhase } from './valid.js';

export type { Phase, PhaseCase, PhaseEnv, PhaseRun } from './phase.js';

/** The phases of an operation's suite, in the order they run. */
export const PHASES: readonly Phase[] = [
  examplesPhase,
  validPhase,
  echoesPhase,
  defaultsPhase,
  notFoundPhase,
  boundariesPhase,
  negativesPhase,
  authPhase,
  malformedPhase,
];
