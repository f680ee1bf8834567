/**
 * What the compiler hands to generators, checks and reports (types only).
 * @see src/compile/index.ts
 */
import type { ExchangeKind, FieldKind, RuleKind } from './kinds.js';
import type {
  ErratumSpec,
  FieldSpec,
  FieldType,
  OperationSpec,
  ResolvedCitation,
  RuleSpec,
  SplitBlock,
} from './spec.js';

/** Every kind of constraint a spec can state; the last segment of a constraint id (field kinds: src/model/kinds.ts). */
export type ConstraintKind = FieldKind | RuleKind | ExchangeKind;

/** Violation kinds of generated invalid requests (STYLE.md §2, after Schemathesis's CoverageScenario). */
export type ViolationKind =
  | 'length_below'
  | 'length_above'
  | 'range_below'
  | 'range_above'
  | 'enum_miss'
  | 'enum_case'
  | 'wrong_type'
  | 'missing_required'
  | 'forbidden_char'
  | 'bad_format'
  | 'exclusive_both'
  | 'condition_broken'
  | 'extra_property';

/** What reports need to know of a constraint, without running anything. */
export interface ConstraintInfo {
  readonly id: string;
  readonly operationId: string;
  readonly kind: ConstraintKind;
  /** One line, e.g. "length 1–128", "one of Windows, Linux", "at most one of tags, image_tags". */
  readonly description: string;
  readonly citation: ResolvedCitation;
  readonly erratum?: string;
  /** Set when nothing in this build can check the constraint: the reason it is reported `not_checked`. */
  readonly notChecked?: string;
  /** Who checks a rule no request-level check can decide: `flow`, the stateful flows of suites/flows. */
  readonly checkedBy?: 'flow';
  /**
   * The other readings of an erratum-backed constraint (the constraint's own field is the enforced one). With
   * readings, only a value in the disputed zone warns; without, every finding of an erratum-backed constraint warns.
   */
  readonly readings?: readonly ConstraintReading[];
}

/** One other reading of a constraint, normalised over block and field readings. */
export interface ConstraintReading {
  readonly citation: ResolvedCitation;
  readonly variants?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly (string | number | boolean)[];
  readonly value?: string | number | boolean;
  readonly oneOfEnum?: boolean;
  readonly allowed?: string;
  readonly type?: FieldType | readonly FieldType[];
  readonly required?: boolean;
  readonly key?: string;
}

/** A field path step: an object key, or `item` for every array element. */
export type PathStep = { readonly key: string } | { readonly item: true };

/** A constraint of the compiled model, with what generators and checks need. */
export interface Constraint extends ConstraintInfo {
  /** `request` body, `path` parameter, `response` body, or the operation as a whole (`exchange`). */
  readonly side: 'request' | 'path' | 'response' | 'exchange';
  /** Where the constrained value lives (request or response body), as steps; empty for the root. */
  readonly path: readonly PathStep[];
  /** A JSON pointer for messages: `/os-volume_upload_image/image_name`, `/tags/*` for items. */
  readonly pointer: string;
  /** The field the constraint is about (revision already applied), if any. */
  readonly field?: FieldSpec;
  /** For a constraint on one part of a split string (`key` of an IMS tag `key.value`): the part and its block. */
  readonly part?: { readonly name: string; readonly split: SplitBlock };
  /** The rule, for exclusive/condition constraints. */
  readonly rule?: RuleSpec;
  /** Response status the constraint belongs to (response side). */
  readonly status?: number;
  /** Body variants this constraint applies to (all when absent). */
  readonly variants?: readonly string[];
  /** The violations a generator can produce against this constraint. */
  readonly violations: readonly ViolationKind[];
}

/** One operation, compiled for one revision and profile. */
export interface CompiledOperation {
  readonly id: string;
  readonly spec: OperationSpec;
  readonly revision?: string;
  /** The document the chosen revision rests on. */
  readonly document: string;
  /** JSON Schema (draft 2020-12) of the request body, if the operation has one. */
  readonly requestSchema?: object;
  /** JSON Schema of each documented response body, keyed by status. */
  readonly responseSchemas: ReadonlyMap<number, object>;
  readonly constraints: readonly Constraint[];
  readonly errata: readonly ErratumSpec[];
}
