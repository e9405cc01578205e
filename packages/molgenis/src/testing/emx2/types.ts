// The state of the EMX2 simulator: schemas with tables, columns and rows; users, tokens, tasks.
import type { KnownColumnType } from '../../emx2/types.js';

/**
 * EMX2 column types the simulator stores: the client's known types but `PERIOD` and the arrays of
 * simple types other than `STRING`, `INT` and `DECIMAL`.
 */
export type SimColumnType =
  | Exclude<KnownColumnType, 'PERIOD' | `${string}_ARRAY`>
  | Extract<KnownColumnType, 'STRING_ARRAY' | 'INT_ARRAY' | 'DECIMAL_ARRAY' | 'REF_ARRAY' | 'ONTOLOGY_ARRAY'>;

/** One column as `_schema` lists it (the fields the simulator knows). */
export interface SimColumn {
  /** The column name, as in CSV headers and `_schema` (e.g. `photo urls`). */
  name: string;
  /** The GraphQL identifier (camelCase of the name). */
  id: string;
  /** The EMX2 column type, e.g. `STRING`, `REF`, `HEADING`. */
  columnType: SimColumnType;
  /** 1 for the primary key. The simulator supports one-column primary keys only. */
  key?: number;
  /** `"true"` for required columns. */
  required?: string;
  /** The referenced table's name (REF, REF_ARRAY, REFBACK, ONTOLOGY, … columns); absent for other types. */
  refTableName?: string;
  /** REFBACK: the column of `refTableName` that points here. */
  refBackName?: string;
  /** Free text, listed by `_schema` and the metadata exports; absent when none. */
  description?: string;
  /** Value stored by an insert or save that leaves the column out (as text); absent when none. */
  defaultValue?: string;
  /** AUTO_ID template, e.g. `ORDER:${mg_autoid}`. */
  computed?: string;
}

/** A stored row: column id → value (refs hold the referenced key; LONG a bigint; DECIMAL a number). */
export type SimRow = Record<string, unknown>;

/** One table with its rows, in insertion ("heap") order. */
export interface SimTable {
  /** The table name, as in CSV/REST paths and `_schema` (e.g. `Pet`). */
  name: string;
  /** The GraphQL type name (PascalCase of the name: `my table` → `MyTable`). */
  id: string;
  /** Free text, listed by `_schema`; absent when none. */
  description?: string;
  /** `DATA`, or `ONTOLOGIES` for an ontology (term) table. */
  tableType: 'DATA' | 'ONTOLOGIES';
  /** The columns in order, the system columns (`mg_draft`, `mg_insertedBy`, …) last. */
  columns: SimColumn[];
  /** The rows, in insertion order. */
  rows: SimRow[];
}

/** Roles as EMX2 orders them; `Editor` and up may write. */
export type SimRole = 'Viewer' | 'Editor' | 'Manager' | 'Owner';

/** One schema: tables sorted by name, members by user (`anonymous` included). */
export interface SimSchema {
  /** The schema name, as in paths (`/pet store/graphql`); also its id and label in `_schemas`. */
  name: string;
  /** Free text, listed by `_schemas`; absent when none. */
  description?: string;
  /** The tables, sorted by name. */
  tables: SimTable[];
  /** User name (or `anonymous`, or `user` for every signed-in user) → role; admins own every schema without being listed. */
  members: Map<string, SimRole>;
}

/** A user who can sign in. */
export interface SimUser {
  /** The password `signin` accepts. */
  password: string;
  /** An admin: owner of every schema, may list all tasks, read `/api/tasks` and create tokens for others. Default `false`. */
  admin?: boolean;
  /** `false`: `signin` answers `FAILED` (`User '…' disabled: …`). Default `true`. */
  enabled?: boolean;
}

/** A step of an import task, e.g. `Modified 2 rows in Pet` (COMPLETED) or a skipped sheet (SKIPPED). */
export interface SimSubTask {
  /** A random UUID. */
  id: string;
  /** The step's EMX2 task status: `COMPLETED`, `SKIPPED` or `WARNING`. */
  status: string;
  /** What the step did, e.g. `Modified 2 rows in Pet`. */
  description: string;
  /** Always empty: the simulator's steps have no steps of their own. */
  subTasks: never[];
}

/** What an import task ends as (`SimTask.outcome`). */
export interface SimTaskOutcome {
  /** The task's last status. */
  status: 'COMPLETED' | 'ERROR';
  /** The ended task's description, e.g. `Import failed: …`. */
  description: string;
  /** The ended task's sub-tasks (the work's steps), when the work returns them. */
  subTasks?: SimSubTask[];
}

/** An import task (`_tasks(id:)`). */
export interface SimTask {
  /** A random UUID, answered by the asynchronous upload (`{ id, url }`). */
  id: string;
  /** `WAITING` when started, `RUNNING` while `pollsLeft` lasts, then `outcome.status`. */
  status: 'WAITING' | 'RUNNING' | 'COMPLETED' | 'ERROR';
  /** `<what> (waiting)` at first, then `outcome.description` (e.g. `Import failed: …`). */
  description: string;
  /** One `COMPLETED` step per `RUNNING` poll; replaced by `outcome.subTasks`, when given, at the end. */
  subTasks: SimSubTask[];
  /** Polls left before the task ends. */
  pollsLeft: number;
  /**
   * What the task ends as; `subTasks`, when given, are the ended task's sub-tasks. `undefined`
   * while a one-transaction import (ZIP, Excel) waits: its work runs, and so decides it, when the
   * task ends.
   */
  outcome: SimTaskOutcome | undefined;
}

/** Everything the simulator holds; `sim.state` exposes it (writes change it). */
export interface Emx2SimulatorState {
  /** Schema name → schema (`pet store` and `synthetic` in a fresh state). */
  schemas: Map<string, SimSchema>;
  /** User name → user. */
  users: Map<string, SimUser>;
  /** Issued tokens → user (temporary sign-in tokens and named tokens alike). */
  tokens: Map<string, { user: string; name?: string }>;
  /** Task id → task, one per asynchronous import. */
  tasks: Map<string, SimTask>;
  /** How many `_tasks` polls a new task answers RUNNING before it ends. */
  taskPolls: number;
  /** Counter for ids (tokens, tasks, auto ids). */
  sequence: number;
}
