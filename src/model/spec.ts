/**
 * The shape of a spec file after YAML parsing and `$ref` resolution (types only).
 *
 * A spec transcribes one operation of one document, field by field. Every rule the document states
 * is a *constraint block* (`length`, `range`, `enum`, `charset`, `trim`, `format`, `count`, `default`,
 * `echo`, a cross-field `rule`) and carries a `cite`: the section and the quoted words it rests on.
 * Constraint ids are derived, never written by hand: `<operation id>.<field path>.<kind>`, where the
 * field path joins nested keys with `.` and array items as `item` (e.g. `ims.dataimage.tags.item.key.length`).
 * Rules carry an explicit `id`. Ids must be unique across all specs.
 *
 * @see specs/spec.schema.json for the meta-schema that validates these files
 * @see ../shared/DESIGN.md "Specs"
 */

/** Where a constraint comes from: the document (defaults to the spec's `document`), section and quoted words. */
export interface Citation {
  /** File name under ../shared/docs/seeds or ../shared/docs/reference; defaults to the enclosing document. */
  readonly doc?: string;
  /** Section heading or table caption, e.g. "Request parameters". */
  readonly section: string;
  /** The document's own words, verbatim (HTML entities decoded). */
  readonly quote: string;
}

/** A citation with its document filled in, as the compiler hands it on. */
export interface ResolvedCitation extends Citation {
  readonly doc: string;
}

/**
 * Another reading of a disputed constraint: what another sentence of the documents says instead (the block's own
 * values are the reading the suite enforces), with its citation. A value valid under every reading must be
 * accepted, one invalid under every reading refused; only a value in between (the disputed zone) is a warning.
 */
export interface Reading {
  readonly cite: Citation;
  /** Body variants the reading applies to (all when absent), e.g. quick import's data variant only. */
  readonly variants?: readonly string[];
  /** length, range, count: the bounds under this reading. */
  readonly min?: number;
  readonly max?: number;
  /** enum: the values under this reading. */
  readonly values?: readonly (string | number | boolean)[];
  /** default: the default under this reading. */
  readonly value?: string | number | boolean;
  /**
   * default: under this reading the default is one of the field's own enum values, the document naming the range
   * but not the value (002 __os_version: "For the value range, see Values of Related Parameters").
   */
  readonly oneOfEnum?: boolean;
  /** charset: the allowed characters under this reading (a regex character-class body, like the block's). */
  readonly allowed?: string;
}

/** Another reading of a field's existence or type (field-level errata: the `type` and `required` constraints). */
export interface FieldReading {
  readonly cite: Citation;
  readonly type?: FieldType | readonly FieldType[];
  readonly required?: boolean;
  /**
   * Under this reading the field is named `key`, a sibling in the same object (003's volume_type table says
   * extra_spec, its example extra_specs): its existence and type are judged on that key instead.
   */
  readonly key?: string;
}

/** Fields common to every constraint block. */
export interface ConstraintBlock {
  readonly cite: Citation;
  /**
   * The erratum this constraint rests on. With `readings`, only values in the disputed zone warn; without, every
   * check of the constraint reports a warning unless the profile is strict.
   */
  readonly erratum?: string;
  /** The other readings the erratum lists (the block itself is the enforced reading). */
  readonly readings?: readonly Reading[];
}

export interface LengthBlock extends ConstraintBlock {
  readonly min?: number;
  readonly max?: number;
}

export interface RangeBlock extends ConstraintBlock {
  readonly min?: number;
  readonly max?: number;
}

export interface EnumBlock extends ConstraintBlock {
  readonly values: readonly (string | number | boolean)[];
  /** Default true: a case variant (`linux` for `Linux`) must be refused. */
  readonly caseSensitive?: boolean;
  /**
   * Values outside the list that another document names for the same field (Image Attributes lists visibility
   * public and shared): the first is what an enum_miss case sends, as a plausible wrong value.
   */
  readonly examplesOutside?: readonly (string | number | boolean)[];
}

/** Which characters a string may hold. `allowed` is the body of a JS regex character class (unicode mode). */
export interface CharsetBlock extends ConstraintBlock {
  readonly allowed?: string;
  /** Characters that must not appear, each one a single character (e.g. "\r", "<", ">"). */
  readonly forbidden?: readonly string[];
  /** A few characters outside the set, for generating violations (the generator also derives its own). */
  readonly examplesOutside?: readonly string[];
}

/** The value must not start or end with a space. */
export interface TrimBlock extends ConstraintBlock {
  readonly chars?: readonly string[];
}

/** A structural format, as a JS regex (unicode mode); `example` is a valid value. */
export interface FormatBlock extends ConstraintBlock {
  readonly pattern: string;
  readonly description: string;
  readonly example: string;
}

/** Number of array items. */
export interface CountBlock extends ConstraintBlock {
  readonly min?: number;
  readonly max?: number;
}

/** The documented default: the value the service applies when the field is absent. */
export interface DefaultBlock extends ConstraintBlock {
  readonly value: string | number | boolean;
  /**
   * Where the default shows when no response field echoes it: a field of the resource the operation creates (EVS
   * __os_type on the exported image), compared case-insensitively; a stateful flow checks it.
   */
  readonly observedOn?: { readonly in: 'image'; readonly pointer: string };
}

/** Where a request value comes back: a JSON pointer into the named response (or the created image). */
export interface EchoBlock extends ConstraintBlock {
  /** "response" (the synchronous body of the success status) or "image" (the image a job or export creates). */
  readonly in: 'response' | 'image';
  readonly pointer: string;
}

/** A string made of parts joined by a separator, e.g. an IMS tag `key.value` or image_url `bucket:file`. */
export interface SplitBlock extends ConstraintBlock {
  readonly separator: string;
  /** The parts in order; each is a string field with its own constraints. */
  readonly parts: Readonly<Record<string, FieldSpec>>;
}

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/**
 * One field of a request or response body (or a path parameter).
 * `type` may list several types only for response fields whose documents disagree (an erratum names it).
 */
export interface FieldSpec {
  readonly type: FieldType | readonly FieldType[];
  /** The "Mandatory" column (requests) or whether a documented response field must be present. */
  readonly required?: boolean;
  readonly nullable?: boolean;
  readonly description?: string;
  /** Where the field itself is documented (its table row). */
  readonly cite: Citation;
  /** Erratum about the field's existence or type. */
  readonly erratum?: string;
  /** The other readings of its existence or type (with them, only the disputed zone warns). */
  readonly readings?: readonly FieldReading[];
  readonly length?: LengthBlock;
  readonly range?: RangeBlock;
  readonly enum?: EnumBlock;
  readonly charset?: CharsetBlock;
  readonly trim?: TrimBlock;
  readonly format?: FormatBlock;
  readonly split?: SplitBlock;
  readonly count?: CountBlock;
  readonly default?: DefaultBlock;
  readonly echo?: EchoBlock;
  /** Array items. */
  readonly items?: FieldSpec;
  /** Object properties. */
  readonly fields?: Readonly<Record<string, FieldSpec>>;
  /** What an object accepts besides `fields`: "allow" (documents are silent), "forbid", or a field every extra must match. */
  readonly additional?: 'allow' | 'forbid' | FieldSpec;
  /** Per-revision overrides (keys are revision names, e.g. "003"), merged over this field. */
  readonly revisions?: Readonly<Record<string, Partial<FieldSpec>>>;
  /** Value to send when a generator needs a real, existing value (e.g. image_url must name a file the target has). */
  readonly fixture?: string;
  /**
   * The values the documents name for a field whose value list they do not give (002 container_format: its default
   * bare). Not a constraint (nothing refuses other values); a valid request sends only these.
   */
  readonly knownValues?: { readonly values: readonly (string | number | boolean)[]; readonly cite: Citation };
}

/** A cross-field rule. */
export interface RuleSpec {
  /** Explicit, stable constraint id, e.g. `ims.dataimage.tags.exclusive`. */
  readonly id: string;
  readonly kind: 'exclusive' | 'condition';
  readonly cite: Citation;
  readonly erratum?: string;
  /** exclusive: at most one of these fields may be present. */
  readonly fields?: readonly string[];
  /** condition: when the field (JSON pointer into the body) has one of these values (or is absent, if `absent`)... */
  readonly when?: {
    readonly pointer: string;
    readonly in: readonly (string | number | boolean)[];
    readonly absent?: boolean;
  };
  /** ...then these fields (pointers) are required, and/or forbidden. */
  readonly then?: { readonly required?: readonly string[]; readonly forbidden?: readonly string[] };
  /** Constraint the compiler cannot express in JSON Schema; checked by the constraint list only. */
  readonly description?: string;
  /**
   * Who judges a rule no request can break: `flow`, the stateful flows of src/run/flows (the job's end, the image
   * it made, the disk after an export, another project's view). Such a rule is not reported `not_checked`.
   */
  readonly checkedBy?: 'flow';
  /**
   * Response fields the documents tie to a request field through a table (002: `__os_type`, `__platform`, `__os_bit`
   * "depend on" `__os_version`, whose values Table 1 of Values of Related Parameters lists): judged on every accepted
   * answer of the operation that carries them (src/checks/derived.ts), and by the flows on the images they make.
   */
  readonly derived?: DerivedSpec;
}

/** A table from one request value to the response values it implies, row by row as the document prints it. */
export interface DerivedSpec {
  /** The request field the response fields depend on (JSON pointer into the request body). */
  readonly from: string;
  /** Where the same value shows in the answer (JSON pointer into the success body). */
  readonly echoedAt: string;
  /** The table's caption. */
  readonly cite: Citation;
  /** The sentences naming the values the rows allow (Image Attributes' __platform, __os_type, __os_bit values). */
  readonly valueCites?: readonly Citation[];
  readonly rows: readonly DerivedRow[];
}

/** One row: the values it lists (or a pattern they match) and what each of them implies. */
export interface DerivedRow {
  readonly cite: Citation;
  /** The request values of the row, exactly as printed. */
  readonly values?: readonly string[];
  /** Or a regular expression the values of the row match (Table 1's names ending in "64bit"). */
  readonly matches?: string;
  /** Response pointer → the values the documents allow for it, given a value of this row. */
  readonly then: Readonly<Record<string, readonly string[]>>;
  /** Response pointers this row leaves undecided, with why (the documents name no value for them). */
  readonly undecided?: Readonly<Record<string, string>>;
}

/** A body variant chosen by a discriminator (quick import: system disk vs data disk image). */
export interface VariantSpec {
  readonly cite: Citation;
  /** The discriminator pointer and the values that select this variant; `absent: true` if an absent field selects it. */
  readonly when: { readonly pointer: string; readonly in: readonly string[]; readonly absent?: boolean };
  readonly fields: Readonly<Record<string, FieldSpec>>;
}

export interface RequestBodySpec {
  readonly contentType: string;
  /** Fields shared by every variant (or all fields, if there are no variants). */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly variants?: Readonly<Record<string, VariantSpec>>;
  readonly additional?: 'allow' | 'forbid' | FieldSpec;
  readonly rules?: readonly RuleSpec[];
}

export interface ResponseSpec {
  readonly cite: Citation;
  readonly description: string;
  readonly contentType?: string;
  /** Body fields of this response. */
  readonly body?: FieldSpec;
  /** Name of a shared error envelope (`ims-error`, `evs-error`) this status answers with. */
  readonly envelope?: string;
  /**
   * The envelope on this status rests on no sentence (IMS documents its error body for 400 only: "If the returned
   * status code is 400, a customized error message will be returned."): checked under `--profile strict` only.
   */
  readonly envelopeStrict?: boolean;
  readonly erratum?: string;
}

export interface ExampleSpec {
  readonly name: string;
  /** Path relative to the repository root of the verbatim copy, e.g. specs/examples/000/request-tags.json. */
  readonly file: string;
  readonly kind: 'request' | 'response';
  readonly status?: number;
  readonly cite: Citation;
  /**
   * The erratum whose disputed zone the example is in: it fails the enforced reading and validates under another
   * (test/doc-examples.test.ts asserts both).
   */
  readonly erratum?: string;
  /**
   * Why an example whose body is valid under every reading is not sent as a valid case (its file breaks a rule
   * only the outcome shows, e.g. 001's data examples import a .qcow2 file): the erratum id and the reason.
   */
  readonly unsent?: { readonly erratum: string; readonly reason: string };
  /** Revisions the example belongs to (default: all). */
  readonly revisions?: readonly string[];
}

export interface ErratumSpec {
  readonly id: string;
  readonly title: string;
  /** The two (or more) sources that disagree, each quoted. */
  readonly sources: readonly Citation[];
  /** Which reading the suite enforces, and why. */
  readonly enforced: string;
  /** Severity of checks resting on this erratum in the default profile ("warning"); strict makes them failures. */
  readonly severity: 'warning' | 'failure';
}

export interface AsyncSpec {
  /** The operation that reports the job (the job query's operation id). */
  readonly jobOperation: string;
  /** Pointer to the job id in the success body. */
  readonly jobIdPointer: string;
  /** Pointer in the finished job body to the created image id. */
  readonly imageIdPointer: string;
}

export interface RevisionSpec {
  readonly document: string;
  readonly default?: boolean;
  readonly description: string;
}

export interface PathParamSpec extends FieldSpec {
  /** Name of the target fixture that supplies a valid value (project_id, volume.available, image.id …). */
  readonly fixture?: string;
}

/** One operation spec file. */
export interface OperationSpec {
  /** `<service>.<operation>`, e.g. `ims.dataimage`: the prefix of every constraint id of this spec. */
  readonly id: string;
  readonly service: 'ims' | 'evs';
  readonly title: string;
  /** Seed or reference document the spec transcribes (the default `doc` of every citation). */
  readonly document: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly pathParams?: Readonly<Record<string, PathParamSpec>>;
  readonly revisions?: Readonly<Record<string, RevisionSpec>>;
  readonly request?: RequestBodySpec;
  /** Keyed by status code as a string ("200", "400"). */
  readonly responses: Readonly<Record<string, ResponseSpec>>;
  /** The documented success status. */
  readonly success: number;
  readonly async?: AsyncSpec;
  readonly examples?: readonly ExampleSpec[];
  readonly errata?: readonly ErratumSpec[];
  /** Whether the operation creates a resource (gated by --allow-create on remote targets). */
  readonly creates?: boolean;
  /**
   * Pointer in the success body to the id of the image the operation creates at once (002: `/id`; 003/004:
   * `/os-volume_upload_image/image_id`). An asynchronous create names its image in the job instead (`async`).
   */
  readonly createdImagePointer?: string;
}

/** A shared definitions file (specs/shared/*.yaml). */
export interface DefinitionsSpec {
  readonly document: string;
  readonly definitions: Readonly<Record<string, FieldSpec | EnvelopeSpec>>;
  readonly errata?: readonly ErratumSpec[];
}

/** An error envelope: the body shape every error response of a service has. */
export interface EnvelopeSpec {
  readonly envelope: true;
  readonly cite: Citation;
  /** The body, e.g. `{error: {code, message}}`; `anyKeyOf` lists alternative top-level keys (EVS badRequest/itemNotFound). */
  readonly body: FieldSpec;
  readonly anyKeyOf?: readonly string[];
  /** Documented error codes: code → status and meaning (from the error-code page). */
  readonly codes?: Readonly<
    Record<string, { readonly status: number; readonly message: string; readonly cite: Citation }>
  >;
}
