// The state of the EMX2 simulator: schemas with tables, columns and rows; users, tokens, tasks.

/** EMX2 column types the simulator stores (`emx2/ColumnType.java`). */
export type SimColumnType =
  | 'STRING'
  | 'TEXT'
  | 'EMAIL'
  | 'HYPERLINK'
  | 'UUID'
  | 'AUTO_ID'
  | 'INT'
  | 'NON_NEGATIVE_INT'
  | 'LONG'
  | 'DECIMAL'
  | 'BOOL'
  | 'DATE'
  | 'DATETIME'
  | 'JSON'
  | 'FILE'
  | 'STRING_ARRAY'
  | 'INT_ARRAY'
  | 'DECIMAL_ARRAY'
  | 'REF'
  | 'SELECT'
  | 'RADIO'
  | 'ONTOLOGY'
  | 'REF_ARRAY'
  | 'MULTISELECT'
  | 'CHECKBOX'
  | 'ONTOLOGY_ARRAY'
  | 'REFBACK'
  | 'HEADING'
  | 'SECTION';

/** One column as `_schema` lists it (the fields the simulator knows). */
export interface SimColumn {
  name: string;
  /** The GraphQL identifier (camelCase of the name). */
  id: string;
  columnType: SimColumnType;
  /** 1 for the primary key. The simulator supports one-column primary keys only. */
  key?: number;
  /** `"true"` for required columns. */
  required?: string;
  refTableName?: string;
  /** REFBACK: the column of `refTableName` that points here. */
  refBackName?: string;
  description?: string;
  defaultValue?: string;
  /** AUTO_ID template, e.g. `ORDER:${mg_autoid}`. */
  computed?: string;
}

/** A stored row: column id → value (refs hold the referenced key; LONG a bigint; DECIMAL a number). */
export type SimRow = Record<string, unknown>;

/** One table with its rows, in insertion ("heap") order. */
export interface SimTable {
  name: string;
  id: string;
  description?: string;
  tableType: 'DATA' | 'ONTOLOGIES';
  columns: SimColumn[];
  rows: SimRow[];
}

/** Roles as EMX2 orders them; `Editor` and up may write. */
export type SimRole = 'Viewer' | 'Editor' | 'Manager' | 'Owner';

/** One schema: tables sorted by name, members by user (`anonymous` included). */
export interface SimSchema {
  name: string;
  description?: string;
  tables: SimTable[];
  members: Map<string, SimRole>;
}

/** A user who can sign in. */
export interface SimUser {
  password: string;
  admin?: boolean;
  enabled?: boolean;
}

/** An import task (`_tasks(id:)`). */
export interface SimTask {
  id: string;
  status: 'WAITING' | 'RUNNING' | 'COMPLETED' | 'ERROR';
  description: string;
  subTasks: { id: string; status: string; description: string; subTasks: never[] }[];
  /** Polls left before the task ends. */
  pollsLeft: number;
  /** What the task ends as. */
  outcome: { status: 'COMPLETED' | 'ERROR'; description: string };
}

/** Everything the simulator holds; `sim.state` exposes it (writes change it). */
export interface Emx2SimulatorState {
  schemas: Map<string, SimSchema>;
  users: Map<string, SimUser>;
  /** Issued tokens → user (temporary sign-in tokens and named tokens alike). */
  tokens: Map<string, { user: string; name?: string }>;
  tasks: Map<string, SimTask>;
  /** How many `_tasks` polls a new task answers RUNNING before it ends. */
  taskPolls: number;
  /** Counter for ids (tokens, tasks, auto ids). */
  sequence: number;
}
