// One GraphQL request against the database API (`schema` undefined) or a schema API: validation
// of the root fields first (nothing runs when one is unknown), then each field in turn; a
// failing field still lets the others run, and the answer is then the first error (HTTP 400).
import { randomUUID } from 'node:crypto';
import { type GqlField, type GqlOperation, parseGraphql } from './graphql-parse.js';
import { Emx2SimError } from './json.js';
import { rowMutation, truncate } from './mutate.js';
import { endTask } from './task-work.js';
import { aggField, argsOf, type ExecContext, projectPlain, schemaMeta, session, tableField } from './query.js';
import type { Emx2SimulatorState } from './types.js';

const DB_QUERIES = ['_schemas', '_session', '_manifest', '_tasks', '_settings', '__typename', '__schema'];
const SCHEMA_QUERIES = ['_schema', '_session', '_manifest', '_tasks', '_settings', '__typename', '__schema'];
const DB_MUTATIONS = ['signin', 'signout', 'createToken', 'signup', 'changePassword'];
const SCHEMA_MUTATIONS = ['signin', 'signout', 'createToken', 'changePassword', 'insert', 'update', 'save', 'delete', 'truncate'];

/** A fresh JWT-shaped token (header.payload.signature); its value means nothing outside the simulator. */
export function newToken(state: Emx2SimulatorState, user: string, name?: string): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const token = `${b64({ alg: 'HS256' })}.${b64({ sub: user, jti: name ?? randomUUID(), n: ++state.sequence })}.${randomUUID().replaceAll('-', '')}`;
  state.tokens.set(token, name === undefined ? { user } : { user, name });
  return token;
}

function mutationResult(status: 'SUCCESS' | 'FAILED', message: string, token?: string): Record<string, unknown> {
  return { status, message, token: token ?? null, taskId: null };
}

function requireSignedIn(ctx: ExecContext, field: string, type: string): void {
  if (ctx.user === 'anonymous') throw new Emx2SimError(`Validation error (FieldUndefined@[${field}]) : Field '${field}' in type '${type}' is undefined`);
}

function mutationField(ctx: ExecContext, f: GqlField, type: string): unknown {
  const schema = ctx.schema;
  switch (f.name) {
    case 'signin': {
      const { email, password } = argsOf(f, ctx, ['email', 'password'], 'signin');
      const user = ctx.state.users.get(String(email));
      if (user && user.enabled === false) return mutationResult('FAILED', `User '${String(email)}' disabled: check with your administrator`);
      if (!user || user.password !== password) return mutationResult('FAILED', `Sign in as '${String(email)}' failed: user or password unknown`);
      const token = newToken(ctx.state, String(email));
      ctx.user = String(email);
      ctx.token = token;
      return mutationResult('SUCCESS', `Signed in as '${String(email)}'`, token);
    }
    case 'signout': {
      requireSignedIn(ctx, 'signout', type);
      if (ctx.token !== undefined && ctx.state.tokens.get(ctx.token)?.name === undefined) ctx.state.tokens.delete(ctx.token); // the session ends
      const user = ctx.user;
      ctx.user = 'anonymous';
      return mutationResult('SUCCESS', `User '${user}' has signed out`);
    }
    case 'createToken': {
      requireSignedIn(ctx, 'createToken', type);
      const { email, tokenName } = argsOf(f, ctx, ['email', 'tokenName'], 'createToken');
      if (typeof email !== 'string')
        throw new Emx2SimError(`Exception while fetching data (/createToken) : Cannot invoke "String.equals(Object)" because "userName" is null`);
      if (!ctx.state.users.get(ctx.user)?.admin && email !== ctx.user)
        throw new Emx2SimError('Create token failed: Only admins can create tokens for other users');
      const token = newToken(ctx.state, email, String(tokenName));
      return mutationResult('SUCCESS', `Token '${String(tokenName)}' created for user '${email}'`, token);
    }
    case 'insert':
    case 'update':
    case 'save':
    case 'delete':
      if (!schema) throw new Error('unreachable');
      return rowMutation(ctx, schema, f.name, f);
    case 'truncate':
      if (!schema) throw new Error('unreachable');
      return truncate(ctx, schema, argsOf(f, ctx, ['tables', 'async'], 'truncate').tables);
    default:
      throw new Emx2SimError(`the EMX2 simulator does not implement mutation ${f.name}`);
  }
}

/** graphql-java's introspection types, which every schema lists. */
const INTROSPECTION_TYPES = ['__Directive', '__DirectiveLocation', '__EnumValue', '__Field', '__InputValue', '__Schema', '__Type', '__TypeKind'];

/**
 * `__schema` as graphql-java's introspection answers it, for the parts the simulator knows: the
 * root types (GraphqlFactory names them Query and Save, at both levels), the scalars introspection
 * itself uses, the introspection types and, for a schema, one object type per table (named by its
 * identifier, GraphqlTableFieldFactory.getTableTypeIdentifier). The server lists more (filter,
 * order-by, input and aggregate types per table, EMX2's own Molgenis* types), which the
 * simulator does not model.
 */
function introspection(ctx: ExecContext): Record<string, unknown> {
  const tables = ctx.schema?.tables.map((t) => t.id) ?? [];
  const names = ['Query', 'Save', ...tables, 'String', 'Boolean', ...INTROSPECTION_TYPES];
  return { types: names.map((name) => ({ name })), queryType: { name: 'Query' }, mutationType: { name: 'Save' } };
}

function queryField(ctx: ExecContext, f: GqlField): unknown {
  const schema = ctx.schema;
  switch (f.name) {
    case '__typename':
      return 'Query';
    case '__schema':
      return introspection(ctx);
    case '_schemas': {
      const visible = [...ctx.state.schemas.values()].filter((s) => session(ctx).schemas && (session(ctx).schemas as string[]).includes(s.name));
      return visible.map((s) => ({ id: s.name, name: s.name, label: s.name, description: s.description ?? null }));
    }
    case '_session':
      return session(ctx);
    case '_manifest':
      return { ImplementationVersion: '13.165.0-sim', SpecificationVersion: '13.165.0', DatabaseVersion: '30' };
    case '_settings':
      return [];
    case '_tasks': {
      const { id } = argsOf(f, ctx, ['id'], '_tasks');
      if (id === null || id === undefined) {
        if (!ctx.state.users.get(ctx.user)?.admin)
          throw new Emx2SimError('Exception while fetching data (/_tasks) : Listing all tasks is only allowed for admin users');
        return [...ctx.state.tasks.values()].map(taskView);
      }
      const task = ctx.state.tasks.get(String(id));
      if (!task) throw new Emx2SimError(`Exception while fetching data (/_tasks) : getTask(${String(id)}) failed: task not found`);
      if (task.pollsLeft > 0) {
        task.pollsLeft--;
        task.status = 'RUNNING';
        task.subTasks.push({ id: randomUUID(), status: 'COMPLETED', description: `step ${task.subTasks.length + 1}`, subTasks: [] });
      } else {
        const outcome = endTask(task); // a held-back import runs now
        task.status = outcome.status;
        task.description = outcome.description;
        if (outcome.subTasks !== undefined) task.subTasks = outcome.subTasks;
      }
      return [taskView(task)];
    }
    case '_schema':
      if (!schema) throw new Error('unreachable');
      return schemaMeta(schema);
    default:
      throw new Error('unreachable');
  }
}

function taskView(t: { id: string; status: string; description: string; subTasks: unknown[] }): Record<string, unknown> {
  return { id: t.id, status: t.status, description: t.description, subTasks: t.subTasks };
}

/** Run `query` with `variables`; returns the `data` object or throws the first error. */
export function executeGraphql(ctx: ExecContext, query: string, variablesIn: unknown): Record<string, unknown> {
  const op: GqlOperation = parseGraphql(query);
  if (variablesIn !== undefined && variablesIn !== null && (typeof variablesIn !== 'object' || Array.isArray(variablesIn))) {
    throw new Emx2SimError('Variables must be an object');
  }
  ctx.variables = (variablesIn ?? {}) as Record<string, unknown>;
  const schema = ctx.schema;
  const type = op.type === 'query' ? 'Query' : 'Save'; // GraphqlFactory.forDatabase and forSchema both name it Save
  // validation: every root field must exist (tables only for those who may see the schema)
  const tableIds = new Set(schema ? schema.tables.map((t) => t.id) : []);
  const known = (name: string): boolean => {
    if (op.type === 'mutation') return (schema ? SCHEMA_MUTATIONS : DB_MUTATIONS).includes(name);
    if ((schema ? SCHEMA_QUERIES : DB_QUERIES).includes(name)) return true;
    return tableIds.has(name) || (name.endsWith('_agg') && tableIds.has(name.slice(0, -4)));
  };
  for (const f of op.selections)
    if (!known(f.name)) throw new Emx2SimError(`Validation error (FieldUndefined@[${f.name}]) : Field '${f.name}' in type '${type}' is undefined`);
  for (const v of op.variables) {
    const used = JSON.stringify(op.selections).includes(`"kind":"variable","name":${JSON.stringify(v)}`);
    if (!used) throw new Emx2SimError(`Validation error (UnusedVariable) : Unused variable '${v}'`);
  }
  const data: Record<string, unknown> = {};
  let firstError: Emx2SimError | undefined;
  let firstInvalid: Emx2SimError | undefined;
  for (const f of op.selections) {
    try {
      let value: unknown;
      if (op.type === 'mutation') value = projectPlain(mutationField(ctx, f, type), f.selections, 'MolgenisResult', f.name);
      else if (schema && tableIds.has(f.name)) value = tableField(ctx, schema, schema.tables.find((t) => t.id === f.name)!, f);
      else if (schema && f.name.endsWith('_agg')) value = aggField(ctx, schema, schema.tables.find((t) => t.id === f.name.slice(0, -4))!, f);
      else value = projectPlain(queryField(ctx, f), f.selections, f.name, f.name);
      data[f.alias ?? f.name] = value;
    } catch (error) {
      if (!(error instanceof Emx2SimError)) throw error;
      // graphql-java prefixes resolver failures of queries; EMX2's handler passes mutations' bare
      const message =
        op.type === 'query' && !error.message.startsWith('Validation error') && !error.message.startsWith('Exception while fetching')
          ? `Exception while fetching data (/${f.name}) : ${error.message}`
          : error.message;
      if (message.startsWith('Validation error')) firstInvalid ??= new Emx2SimError(message, error.status);
      else firstError ??= new Emx2SimError(message, error.status);
    }
  }
  // graphql-java validates the whole document before it runs any resolver, so a validation error
  // in a later field is what GraphqlExecutor.execute turns into the MolgenisException (its first
  // error), not a resolver failure of an earlier one. (The simulator finds nested validation
  // errors while it resolves: a later field's mutation effects are not undone.)
  const refusal = firstInvalid ?? firstError;
  if (refusal) throw refusal;
  return data;
}
