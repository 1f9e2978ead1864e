// GitLab's GraphQL API (`/api/graphql`) for the stand-in: every request is parsed, validated and
// executed with graphql-js against the subset of GitLab's schema in graphql/gitlab-schema.graphql,
// backed by the stand-in's state. A document GitLab's schema rejects is rejected here with
// graphql-ruby's words (GitLab runs graphql-ruby); one it accepts runs against the seed data with
// GitLab's rules from its source (paths in the comments are gitlabhq/gitlabhq's). README.md here
// ("GraphQL") lists what is played and what is not.
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  executeSync,
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  FieldsOnCorrectTypeRule,
  KnownArgumentNamesRule,
  ProvidedRequiredArgumentsRule,
  ValuesOfCorrectTypeRule,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  type ASTNode,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { nextTimelogId, timeTrackingNote, userById, type ApiResult, type ApiState, type Timelog } from './api';
import { authenticate, isAuthError, type TokenRecord, type TokenScheme } from './auth';
import { humanDuration, parseDuration } from './duration';
import { accessLevelOf, type IssueRecord, type MergeRequestRecord, type StandInNamespace, type StandInProject, type StandInUser } from './seed';

export interface GraphqlRequest {
  method: string;
  /** Query string merged with the JSON or form body: `query`, `operationName`, `variables`. */
  params: Record<string, unknown>;
  token: string | null;
  tokenScheme?: TokenScheme | null;
  /** `scheme://host[:port]` + basePath as the client addressed the server (for `webUrl`). */
  publicBase?: string;
}

// ---------------------------------------------------------------------------
// Schemas

const SDL = readFileSync(new URL('./graphql/gitlab-schema.graphql', import.meta.url), 'utf8');
const SCHEMA_17 = buildSchema(SDL);
// Before gitlab-org/gitlab!150564 (17.0) TimelogCreateInput.spentAt was `Types::DateType,
// required: true` (app/graphql/mutations/timelogs/create.rb, older version).
const SCHEMA_16 = buildSchema(SDL.replace(/(input TimelogCreateInput \{[\s\S]*?)spentAt: Time\n/, '$1spentAt: Date!\n'));
if (SCHEMA_16.getType('TimelogCreateInput')?.toString() !== 'TimelogCreateInput' || !SDL.includes('spentAt: Time\n')) {
  throw new Error('gitlab-schema.graphql: TimelogCreateInput.spentAt not found');
}

/** app/controllers/graphql_controller.rb MAX_QUERY_SIZE. */
const MAX_QUERY_SIZE = 10_000;
/** GitlabSchema default_max_page_size. */
const MAX_PAGE_SIZE = 100;
/** lib/gitlab/graphql/authorize/authorize_resource.rb */
export const RESOURCE_NOT_AVAILABLE = "The resource that you are attempting to access does not exist or you don't have permission to perform this action";
/** app/models/timelog.rb MAX_TOTAL_TIME_SPENT: Gitlab::TimeTrackingFormatter.parse("1y"). */
const MAX_TOTAL_TIME_SPENT = 31_557_600;

// ---------------------------------------------------------------------------
// Transport (app/controllers/graphql_controller.rb)

const json = (status: number, body: unknown): ApiResult => ({ status, body });
const controllerError = (status: number, message: string): ApiResult => json(status, { errors: [{ message }] });

interface Ctx {
  state: ApiState;
  /** null: anonymous (no token): only public data, and the stand-in's projects are all private. */
  user: StandInUser | null;
  token: TokenRecord | null;
  era16: boolean;
  publicBase: string;
  now: Date;
}

export function handleGraphql(state: ApiState, req: GraphqlRequest): ApiResult {
  const method = req.method.toUpperCase();
  const query = typeof req.params.query === 'string' ? req.params.query : '';
  // GitLab routes GET and POST here. A GET without a query still answers 405 as before: the era
  // suite (tests/unit/eras.test.ts) probes the route with a bare GET.
  if (method !== 'POST' && !(method === 'GET' && query !== '')) return json(405, { error: '405 Not Allowed' });
  if (!state.auth) throw new Error('the stand-in state has no token store');

  let token: TokenRecord | null = null;
  if (req.token !== null) {
    const found = authenticate(state.auth, req.token, req.tokenScheme ?? 'private-token');
    // authorize_access_api!: a token that finds no user is "Invalid token", 401.
    if (isAuthError(found)) return controllerError(401, 'Invalid token');
    token = found;
  }
  const user = token ? (state.data.users.find((u) => u.id === token.userId) ?? null) : null;

  let variables: Record<string, unknown> = {};
  const rawVariables = req.params.variables;
  if (typeof rawVariables === 'string' && rawVariables.trim() !== '') {
    // Gitlab::Graphql::Variables: a JSON string is parsed; bad JSON is 422.
    try {
      const parsed: unknown = JSON.parse(rawVariables);
      variables = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch (error) {
      return controllerError(422, error instanceof Error ? error.message : String(error));
    }
  } else if (rawVariables !== null && typeof rawVariables === 'object' && !Array.isArray(rawVariables)) {
    variables = rawVariables as Record<string, unknown>;
  }
  const operationName = typeof req.params.operationName === 'string' && req.params.operationName !== '' ? req.params.operationName : null;

  if (query.length > MAX_QUERY_SIZE) return controllerError(422, 'Query too large');
  if (query.trim() === '') return json(200, { errors: [{ message: 'No query string was present' }] });

  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    // graphql-ruby words parse errors differently ("Parse error on ..."); graphql-js's message is kept.
    return json(200, { errors: [toJson(error as GraphQLError)] });
  }

  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName === null ? (operations.length === 1 ? operations[0] : undefined) : operations.find((o) => o.name?.value === operationName);
  if (method === 'GET' && operation?.operation === 'mutation') return controllerError(422, 'Mutations are forbidden in GET requests');

  const schema = state.era?.name === '16.x' ? SCHEMA_16 : SCHEMA_17;
  const errors = validate(schema, document, RULES);
  if (errors.length > 0) return json(200, { errors: errors.map(toJson) });

  // graphql-ruby (lib/graphql/query.rb): which operation to run.
  if (!operation) {
    return json(200, { errors: [{ message: operationName === null ? 'An operation name is required' : `No operation named "${operationName}"` }] });
  }

  const coerced = coerceVariables(schema, operation, variables);
  if ('errors' in coerced) return json(200, { errors: coerced.errors });

  const ctx: Ctx = { state, user, token, era16: state.era?.name === '16.x', publicBase: req.publicBase ?? '', now: new Date() };
  const result = executeSync({
    schema,
    document,
    operationName: operation.name?.value ?? null,
    variableValues: coerced.values,
    contextValue: ctx,
    rootValue: {},
    fieldResolver,
  });
  const body: Record<string, unknown> = {};
  if (result.errors?.length) body.errors = result.errors.map(toJson);
  body.data = result.data ?? null;
  return json(200, body);
}

function toJson(error: GraphQLError): Record<string, unknown> {
  const out: Record<string, unknown> = { message: error.message };
  if (error.locations) out.locations = error.locations.map(({ line, column }) => ({ line, column }));
  if (error.path) out.path = error.path;
  if (error.extensions && Object.keys(error.extensions).length > 0) out.extensions = error.extensions;
  return out;
}

// ---------------------------------------------------------------------------
// Validation with graphql-ruby's messages (lib/graphql/static_validation/rules/*.rb). graphql-js
// checks the rest; these four of its rules are replaced because their words differ from GitLab's:
// - fields_are_defined_on_type.rb            "Field 'x' doesn't exist on type 'Y'"
// - arguments_are_defined.rb                 "Field 'x' doesn't accept argument 'y'"
// - required_arguments_are_present.rb        "Field 'x' is missing required arguments: a, b"
// - required_input_object_attributes_are_present.rb
//                                            "Argument 'a' on InputObject 'T' is required. Expected type String!"
// - argument_literals_are_compatible.rb      "Argument 'a' on Field 'x' has an invalid value (v). Expected type 'T'."
// GitLab's graphql-ruby (2.4+) may append " (Did you mean `z`?)" to the first two; the stand-in does not.

const REPLACED = new Set<unknown>([FieldsOnCorrectTypeRule, KnownArgumentNamesRule, ProvidedRequiredArgumentsRule, ValuesOfCorrectTypeRule]);
const RULES = [...specifiedRules.filter((rule) => !REPLACED.has(rule)), GraphqlRubyRules];

function GraphqlRubyRules(context: ValidationContext): ASTVisitor {
  /** graphql-ruby's error path: ["query Name", "field", "argument", ...]. */
  const path: string[] = [];
  /** Errors reported inside each open Argument / ObjectField, so the outer one stays quiet. */
  const reported: number[] = [];
  const report = (message: string, nodes: ASTNode, extensions: Record<string, unknown>): void => {
    for (let i = 0; i < reported.length; i++) reported[i] = (reported[i] ?? 0) + 1;
    context.reportError(new GraphQLError(message, { nodes, extensions: { ...extensions }, path: [...path] }));
  };
  /** The Field or InputObject an argument belongs to, for messages. */
  const owners: Array<{ kind: 'Field' | 'InputObject' | 'Directive'; name: string }> = [];

  return {
    OperationDefinition: {
      enter(node) {
        path.push(node.name ? `${node.operation} ${node.name.value}` : node.operation);
      },
      leave() {
        path.pop();
      },
    },
    FragmentDefinition: {
      enter(node) {
        path.push(`fragment ${node.name.value}`);
      },
      leave() {
        path.pop();
      },
    },
    Field: {
      enter(node) {
        const parentType = context.getParentType();
        path.push(node.alias?.value ?? node.name.value);
        owners.push({ kind: 'Field', name: node.alias?.value ?? node.name.value });
        if (parentType && !context.getFieldDef()) {
          report(`Field '${node.name.value}' doesn't exist on type '${parentType.name}'`, node, {
            code: 'undefinedField', typeName: parentType.name, fieldName: node.name.value,
          });
        }
      },
      leave(node) {
        owners.pop();
        const fieldDef = context.getFieldDef();
        if (fieldDef) {
          const given = new Set((node.arguments ?? []).map((a) => a.name.value));
          const missing = fieldDef.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined && !given.has(a.name)).map((a) => a.name);
          if (missing.length > 0) {
            report(`Field '${node.name.value}' is missing required arguments: ${missing.join(', ')}`, node, {
              code: 'missingRequiredArguments', className: 'Field', name: node.name.value, arguments: missing.join(', '),
            });
          }
        }
        path.pop();
      },
    },
    Directive: {
      enter(node) {
        owners.push({ kind: 'Directive', name: node.name.value });
      },
      leave() {
        owners.pop();
      },
    },
    Argument: {
      enter(node) {
        path.push(node.name.value);
        reported.push(0);
        const owner = owners.at(-1);
        if (!context.getArgument() && owner && (owner.kind === 'Directive' ? context.getDirective() : context.getFieldDef())) {
          report(`${owner.kind} '${owner.name}' doesn't accept argument '${node.name.value}'`, node, {
            code: 'argumentNotAccepted', name: owner.name, typeName: owner.kind, argumentName: node.name.value,
          });
        }
      },
      leave(node) {
        const inner = reported.pop() ?? 0;
        const arg = context.getArgument();
        const owner = owners.at(-1);
        if (arg && owner && inner === 0) checkLiteral(node.value, arg.type, node.name.value, owner.kind, owner.name, node);
        path.pop();
      },
    },
    ObjectValue: {
      enter(node) {
        const type = getNamedType(context.getInputType() ?? undefined);
        owners.push({ kind: 'InputObject', name: type?.name ?? '' });
        if (!type || !isInputObjectType(type)) return;
        const given = new Set(node.fields.map((f) => f.name.value));
        for (const field of Object.values(type.getFields())) {
          if (isNonNullType(field.type) && field.defaultValue === undefined && !given.has(field.name)) {
            report(`Argument '${field.name}' on InputObject '${type.name}' is required. Expected type ${String(field.type)}`, node, {
              code: 'missingRequiredInputObjectAttribute', argumentName: field.name, argumentType: String(field.type), inputObjectType: type.name,
            });
          }
        }
      },
      leave() {
        owners.pop();
      },
    },
    ObjectField: {
      enter(node) {
        path.push(node.name.value);
        reported.push(0);
        const parent = getNamedType(context.getParentInputType() ?? undefined);
        if (parent && isInputObjectType(parent) && !parent.getFields()[node.name.value]) {
          report(`InputObject '${parent.name}' doesn't accept argument '${node.name.value}'`, node, {
            code: 'argumentNotAccepted', name: parent.name, typeName: 'InputObject', argumentName: node.name.value,
          });
        }
      },
      leave(node) {
        const inner = reported.pop() ?? 0;
        const parent = getNamedType(context.getParentInputType() ?? undefined);
        const field = parent && isInputObjectType(parent) ? parent.getFields()[node.name.value] : undefined;
        if (field && parent && inner === 0) checkLiteral(node.value, field.type, node.name.value, 'InputObject', parent.name, node);
        path.pop();
      },
    },
  };

  function checkLiteral(value: ValueNode, type: GraphQLInputType, argName: string, ownerKind: string, ownerName: string, node: ASTNode): void {
    const problem = literalProblem(value, type);
    if (problem === null) return;
    if (problem.message) {
      // A scalar's CoercionError message replaces the generic one (argument_literals_are_compatible.rb).
      report(problem.message, node, { code: 'argumentLiteralsIncompatible', typeName: 'CoercionError' });
      return;
    }
    report(`Argument '${argName}' on ${ownerKind} '${ownerName}' has an invalid value (${printLiteral(value)}). Expected type '${String(type)}'.`, node, {
      code: 'argumentLiteralsIncompatible', typeName: ownerKind, argumentName: argName,
    });
  }
}

function printLiteral(value: ValueNode): string {
  switch (value.kind) {
    case Kind.STRING: return JSON.stringify(value.value);
    case Kind.INT: case Kind.FLOAT: case Kind.ENUM: return value.value;
    case Kind.BOOLEAN: return String(value.value);
    case Kind.NULL: return 'null';
    case Kind.VARIABLE: return `$${value.name.value}`;
    case Kind.LIST: return `[${value.values.map(printLiteral).join(', ')}]`;
    case Kind.OBJECT: return `{${value.fields.map((f) => `${f.name.value}: ${printLiteral(f.value)}`).join(', ')}}`;
    default: return '';
  }
}

/** null: the literal fits; otherwise maybe a scalar's own message. */
function literalProblem(value: ValueNode, type: GraphQLInputType): { message?: string } | null {
  if (value.kind === Kind.VARIABLE) return null;
  if (isNonNullType(type)) return value.kind === Kind.NULL ? {} : literalProblem(value, type.ofType);
  if (value.kind === Kind.NULL) return null;
  if (isListType(type)) {
    const items = value.kind === Kind.LIST ? value.values : [value];
    for (const item of items) {
      const problem = literalProblem(item, type.ofType);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (value.kind !== Kind.OBJECT) return {};
    const fields = type.getFields();
    for (const f of value.fields) {
      const def = fields[f.name.value];
      if (!def) return {};
      const problem = literalProblem(f.value, def.type);
      if (problem) return problem;
    }
    const given = new Set(value.fields.map((f) => f.name.value));
    return Object.values(fields).some((f) => isNonNullType(f.type) && f.defaultValue === undefined && !given.has(f.name)) ? {} : null;
  }
  if (isEnumType(type)) return value.kind === Kind.ENUM && type.getValue(value.value) ? null : {};
  if (isScalarType(type)) {
    const raw = value.kind === Kind.STRING ? value.value : value.kind === Kind.INT ? Number(value.value) : value.kind === Kind.FLOAT ? Number(value.value) : value.kind === Kind.BOOLEAN ? value.value : undefined;
    if (raw === undefined) return {};
    const explanation = scalarProblem(type.name, raw, value.kind === Kind.STRING ? 'string' : value.kind === Kind.INT ? 'int' : value.kind === Kind.FLOAT ? 'float' : 'boolean');
    if (explanation === null) return null;
    return GID_MODELS[type.name] ? { message: explanation } : {};
  }
  return null;
}

// ---------------------------------------------------------------------------
// Scalars and global ids (app/graphql/types/global_id_type.rb)

/** Which model classes each global id type accepts (the class itself and its subclasses). */
const GID_MODELS: Readonly<Record<string, { name: string; accepts: readonly string[] }>> = {
  IssuableID: { name: 'Issuable', accepts: ['Issue', 'WorkItem', 'MergeRequest', 'Epic'] },
  IssueID: { name: 'Issue', accepts: ['Issue', 'WorkItem'] },
  MergeRequestID: { name: 'MergeRequest', accepts: ['MergeRequest'] },
  TimelogID: { name: 'Timelog', accepts: ['Timelog'] },
  UserID: { name: 'User', accepts: ['User'] },
  ProjectID: { name: 'Project', accepts: ['Project'] },
  GroupID: { name: 'Group', accepts: ['Group'] },
  NoteID: { name: 'Note', accepts: ['Note', 'DiscussionNote', 'DiffNote'] },
};

const GID = /^gid:\/\/([^/]+)\/([A-Za-z][A-Za-z0-9:]*)\/([^/?#]+)$/;

function rubyInspect(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The CoercionError message a global id type raises, or null when the value fits. */
function gidProblem(typeName: string, value: unknown): string | null {
  const spec = GID_MODELS[typeName];
  if (!spec) return null;
  const m = typeof value === 'string' ? GID.exec(value) : null;
  if (!m) return `${rubyInspect(value)} is not a valid Global ID`;
  if (m[1] !== 'gitlab') return `${rubyInspect(value)} is not a Gitlab Global ID`;
  if (!spec.accepts.includes(m[2] ?? '')) return `${rubyInspect(value)} does not represent an instance of ${spec.name}`;
  return null;
}

function parseGid(value: unknown): { model: string; id: number } | null {
  const m = typeof value === 'string' ? GID.exec(value) : null;
  return m && /^\d+$/.test(m[3] ?? '') ? { model: m[2] ?? '', id: Number(m[3]) } : null;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** null when `raw` is a valid value of the scalar; otherwise graphql-ruby's explanation. */
function scalarProblem(typeName: string, raw: unknown, literalKind?: 'string' | 'int' | 'float' | 'boolean'): string | null {
  const serialized = typeof raw === 'string' ? JSON.stringify(raw) : JSON.stringify(raw) ?? String(raw);
  const fail = `Could not coerce value ${serialized} to ${typeName}`;
  switch (typeName) {
    case 'String': return typeof raw === 'string' ? null : fail;
    case 'Boolean': return typeof raw === 'boolean' ? null : fail;
    case 'Int': return typeof raw === 'number' && Number.isInteger(raw) && Math.abs(raw) <= 2 ** 31 - 1 && literalKind !== 'float' ? null : fail;
    case 'Float': return typeof raw === 'number' ? null : fail;
    case 'ID': return typeof raw === 'string' || (typeof raw === 'number' && Number.isInteger(raw)) ? null : fail;
    // Types::TimeType / Types::DateType: ISO 8601 strings (their own error words are not mirrored).
    case 'Time': return typeof raw === 'string' && ISO_TIME.test(raw.trim()) && !Number.isNaN(parseTime(raw)) ? null : fail;
    case 'Date': return typeof raw === 'string' && ISO_TIME.test(raw.trim()) && !Number.isNaN(parseTime(raw.trim().slice(0, 10))) ? null : fail;
    default: return gidProblem(typeName, raw);
  }
}

/** Epoch ms of an ISO 8601 time; a bare date is midnight UTC (the stand-in's time zone). */
function parseTime(raw: string): number {
  const text = raw.trim().replace(' ', 'T').replace(/UTC$/i, 'Z');
  return Date.parse(ISO_DATE.test(text) ? `${text}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
}

/** Rails' beginning_of_day / end_of_day, kept in the offset the value was given in. */
function dayBoundary(raw: string, end: boolean): number {
  const text = raw.trim().replace(' ', 'T');
  const offset = /([zZ]|[+-]\d{2}:?\d{2})$/.exec(text)?.[1] ?? 'Z';
  const date = new Date(parseTime(text) + offsetMs(offset)).toISOString().slice(0, 10);
  return Date.parse(`${date}T${end ? '23:59:59.999' : '00:00:00.000'}${offset === 'z' ? 'Z' : offset}`);
}

function offsetMs(offset: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
}

// ---------------------------------------------------------------------------
// Variables, with graphql-ruby's VariableValidationError (lib/graphql/query/variable_validation_error.rb)

interface Problem { path: Array<string | number>; explanation: string }

function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, given: Record<string, unknown>):
  { values: Record<string, unknown> } | { errors: Array<Record<string, unknown>> } {
  const values: Record<string, unknown> = {};
  const errors: Array<Record<string, unknown>> = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) continue;
    const provided = Object.hasOwn(given, name);
    if (!provided && definition.defaultValue) continue;
    const value = provided ? given[name] : undefined;
    const problems: Problem[] = [];
    inputProblems(type, value, [], problems);
    if (problems.length > 0) {
      const fields = problems.filter((p) => p.path.length > 0).map((p) => `${p.path.join('.')} (${p.explanation})`);
      const { line, column } = definition.loc ? locationOf(definition.loc.source.body, definition.loc.start) : { line: 1, column: 1 };
      errors.push({
        message: `Variable $${name} of type ${String(type)} was provided invalid value${fields.length > 0 ? ` for ${fields.join(', ')}` : ''}`,
        locations: [{ line, column }],
        extensions: { value: value ?? null, problems },
      });
    } else if (provided) {
      values[name] = value;
    }
  }
  return errors.length > 0 ? { errors } : { values };
}

function locationOf(body: string, offset: number): { line: number; column: number } {
  const before = body.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function inputProblems(type: GraphQLInputType, value: unknown, path: Array<string | number>, out: Problem[]): void {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) {
      out.push({ path, explanation: 'Expected value to not be null' });
      return;
    }
    inputProblems(type.ofType, value, path, out);
    return;
  }
  if (value === null || value === undefined) return;
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => inputProblems(type.ofType, item, Array.isArray(value) ? [...path, i] : path, out));
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.push({ path, explanation: `Expected ${JSON.stringify(value)} to be a key-value object.` });
      return;
    }
    const fields = type.getFields();
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      if (!fields[key]) out.push({ path: [...path, key], explanation: `Field is not defined on ${type.name}` });
    }
    for (const field of Object.values(fields)) {
      if (Object.hasOwn(object, field.name)) inputProblems(field.type, object[field.name], [...path, field.name], out);
      else if (isNonNullType(field.type) && field.defaultValue === undefined) out.push({ path: [...path, field.name], explanation: 'Expected value to not be null' });
    }
    return;
  }
  if (isEnumType(type)) {
    if (typeof value !== 'string' || !type.getValue(value)) {
      out.push({ path, explanation: `Expected ${JSON.stringify(value)} to be one of: ${type.getValues().map((v) => v.name).join(', ')}` });
    }
    return;
  }
  const problem = scalarProblem(type.name, value);
  if (problem) out.push({ path, explanation: problem });
}

// ---------------------------------------------------------------------------
// Permissions (app/policies/*; see README.md "GraphQL")

const GUEST = 10;
const REPORTER = 20;
const MAINTAINER = 40;

const projectOf = (ctx: Ctx, projectId: number): StandInProject | undefined => ctx.state.data.projects.find((p) => p.id === projectId);
const level = (ctx: Ctx, project: StandInProject | undefined): number => (ctx.user && project ? accessLevelOf(project, ctx.user.id) : 0);
/** The stand-in's projects are private: members (Guest and up) read them and their issues. */
const canReadProject = (ctx: Ctx, project: StandInProject | undefined): boolean => level(ctx, project) >= GUEST;
const canReadIssue = (ctx: Ctx, issue: IssueRecord): boolean => canReadProject(ctx, projectOf(ctx, issue.projectId));
/** A private project's merge requests need Reporter. */
const canReadMergeRequest = (ctx: Ctx, mr: MergeRequestRecord): boolean => level(ctx, projectOf(ctx, mr.projectId)) >= REPORTER;
/**
 * create_timelog (app/policies/issuable_policy.rb): `planner_or_reporter_access`. An archived
 * project refuses it here as it refuses REST time tracking (not checked in GitLab's source).
 */
const canCreateTimelog = (ctx: Ctx, projectId: number): boolean => {
  const project = projectOf(ctx, projectId);
  return level(ctx, project) >= REPORTER && !project?.archived;
};
/** admin_timelog (app/policies/timelog_policy.rb, 17.x): `is_author | can?(:maintainer_access)`. */
const canAdminTimelog = (ctx: Ctx, timelog: Timelog): boolean =>
  ctx.user !== null && (timelog.userId === ctx.user.id || level(ctx, projectOf(ctx, timelog.projectId)) >= MAINTAINER);
const canReadTimelog = (ctx: Ctx, timelog: Timelog): boolean => {
  const mr = timelog.mergeRequestId ? ctx.state.data.mergeRequests.find((m) => m.id === timelog.mergeRequestId) : undefined;
  if (mr) return canReadMergeRequest(ctx, mr);
  const issue = ctx.state.data.issues.find((i) => i.id === timelog.issueId);
  return issue ? canReadIssue(ctx, issue) : false;
};

const hasApiScope = (ctx: Ctx): boolean => ctx.token?.scopes.includes('api') === true;

// ---------------------------------------------------------------------------
// Resolvers

type Resolver = (source: any, args: any, ctx: Ctx) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
type UserSource = { user: StandInUser };

const gid = (model: string, id: number): string => `gid://gitlab/${model}/${id}`;
const isoTime = (value: string): string => new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
const argumentError = (message: string): GraphQLError => new GraphQLError(message);
const notAvailable = (): GraphQLError => new GraphQLError(RESOURCE_NOT_AVAILABLE);

const userSource = (ctx: Ctx, id: number): UserSource => ({ user: userById(ctx.state, id) });

// Resolvers::AssignedMergeRequestsResolver, ReviewRequestedMergeRequestsResolver (MergeRequestsFinder,
// `assignee_id` / `reviewer_id` of the user): newest first, the finder's default order.
function userMergeRequests(ctx: Ctx, user: StandInUser, role: 'assignee' | 'reviewer', args: ConnectionArgs & { state?: string | null }): Record<string, unknown> {
  const mrs = ctx.state.data.mergeRequests
    .filter((m) => (role === 'assignee' ? m.assigneeIds : m.reviewerIds).includes(user.id))
    .filter((m) => !args.state || args.state === 'all' || m.state === args.state)
    .filter((m) => canReadMergeRequest(ctx, m))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return { ...connection(mrs, args, (m) => m.id), count: mrs.length };
}

const USER_FIELDS: Record<string, Resolver> = {
  id: (s: UserSource) => gid('User', s.user.id),
  username: (s: UserSource) => s.user.username,
  name: (s: UserSource) => s.user.name,
  avatarUrl: (s: UserSource, _a, ctx) => `${ctx.publicBase}/uploads/-/system/user/avatar/${s.user.id}/avatar.png`,
  webUrl: (s: UserSource, _a, ctx) => `${ctx.publicBase}/${s.user.username}`,
  webPath: (s: UserSource) => `/${s.user.username}`,
  timelogs: (s: UserSource, args, ctx) => resolveTimelogs(ctx, args, { kind: 'user', userId: s.user.id }),
};

function namespaceOf(project: StandInProject): StandInNamespace {
  return project.namespace;
}

const PROJECT_FIELDS: Record<string, Resolver> = {
  id: (p: StandInProject) => gid('Project', p.id),
  fullPath: (p: StandInProject) => p.fullPath,
  name: (p: StandInProject) => p.name,
  nameWithNamespace: (p: StandInProject) => [...p.namespace.fullPath.split('/').map((s) => s.charAt(0).toUpperCase() + s.slice(1)), p.name].join(' / '),
  webUrl: (p: StandInProject, _a, ctx) => `${ctx.publicBase}/${p.fullPath}`,
  archived: (p: StandInProject) => p.archived === true,
  group: (p: StandInProject) => namespaceOf(p),
  issue: (p: StandInProject, args: { iid?: string | null }, ctx) => {
    if (args.iid === undefined || args.iid === null) return null;
    const issue = ctx.state.data.issues.find((i) => i.projectId === p.id && String(i.iid) === args.iid);
    return issue && canReadIssue(ctx, issue) ? issue : null;
  },
  mergeRequest: (p: StandInProject, args: { iid: string }, ctx) => {
    const mr = ctx.state.data.mergeRequests.find((m) => m.projectId === p.id && String(m.iid) === args.iid);
    return mr && canReadMergeRequest(ctx, mr) ? mr : null;
  },
  timelogs: (p: StandInProject, args, ctx) => resolveTimelogs(ctx, args, { kind: 'project', projectId: p.id }),
  // app/graphql/resolvers/project_issues_resolver.rb, project_merge_requests_resolver.rb: `iids` filters.
  issues: (p: StandInProject, args: ConnectionArgs & { iids?: string[] | null }, ctx) => {
    const issues = ctx.state.data.issues.filter((i) => i.projectId === p.id && (!args.iids || args.iids.includes(String(i.iid))) && canReadIssue(ctx, i));
    return { ...connection(issues, args, (i) => i.id), count: issues.length };
  },
  mergeRequests: (p: StandInProject, args: ConnectionArgs & { iids?: string[] | null }, ctx) => {
    const mrs = ctx.state.data.mergeRequests.filter((m) => m.projectId === p.id && (!args.iids || args.iids.includes(String(m.iid))) && canReadMergeRequest(ctx, m));
    return { ...connection(mrs, args, (m) => m.id), count: mrs.length };
  },
};

const GROUP_FIELDS: Record<string, Resolver> = {
  id: (g: StandInNamespace) => gid('Group', g.id),
  fullPath: (g: StandInNamespace) => g.fullPath,
  name: (g: StandInNamespace) => g.name,
  timelogs: (g: StandInNamespace, args, ctx) => resolveTimelogs(ctx, args, { kind: 'group', groupId: g.id }),
};

function itemFields(kind: 'Issue' | 'MergeRequest'): Record<string, Resolver> {
  const sigil = kind === 'Issue' ? '#' : '!';
  const route = kind === 'Issue' ? 'issues' : 'merge_requests';
  type Item = IssueRecord | MergeRequestRecord;
  const path = (item: Item, ctx: Ctx): string => `/${projectOf(ctx, item.projectId)?.fullPath ?? ''}/-/${route}/${item.iid}`;
  return {
    id: (i: Item) => gid(kind, i.id),
    iid: (i: Item) => String(i.iid),
    state: (i: Item) => i.state,
    title: (i: Item) => i.title,
    reference: (i: Item, args: { full: boolean }, ctx) => `${args.full ? projectOf(ctx, i.projectId)?.fullPath ?? '' : ''}${sigil}${i.iid}`,
    webPath: (i: Item, _a, ctx) => path(i, ctx),
    webUrl: (i: Item, _a, ctx) => `${ctx.publicBase}${path(i, ctx)}`,
    humanTimeEstimate: (i: Item) => humanDuration(i.timeEstimate),
    humanTotalTimeSpent: (i: Item) => humanDuration(i.totalTimeSpent),
    timeEstimate: (i: Item) => i.timeEstimate,
    totalTimeSpent: (i: Item) => i.totalTimeSpent,
    createdAt: (i: Item) => isoTime(i.createdAt),
    updatedAt: (i: Item) => isoTime(i.updatedAt),
    projectId: (i: Item) => i.projectId,
    // Types::TimeType of a date: `Date#iso8601`, the day alone.
    dueDate: (i: IssueRecord) => i.dueDate,
    labels: (i: IssueRecord, args) => connection(i.labels.map((title, n) => ({ title, n: n + 1 })), args, (l) => l.n),
    project: (i: Item, _a, ctx) => projectOf(ctx, i.projectId),
    author: (i: Item, _a, ctx) => userSource(ctx, i.authorId),
    assignees: (i: Item, args, ctx) => connection(i.assigneeIds.map((id) => userSource(ctx, id)), args, (u) => u.user.id),
    reviewers: (i: MergeRequestRecord, args, ctx) => connection(i.reviewerIds.map((id) => userSource(ctx, id)), args, (u) => u.user.id),
    sourceBranch: (i: MergeRequestRecord) => i.sourceBranch,
    targetBranch: (i: MergeRequestRecord) => i.targetBranch,
    // No resolver in GitLab: the item's `timelogs` association, connection arguments only.
    timelogs: (i: Item, args, ctx) => {
      const logs = ctx.state.timelogs
        .filter((t) => (kind === 'MergeRequest' ? t.mergeRequestId === i.id : !t.mergeRequestId && t.issueId === i.id))
        .sort((a, b) => a.id - b.id);
      return timelogConnection(logs, args);
    },
  };
}

const TIMELOG_FIELDS: Record<string, Resolver> = {
  id: (t: Timelog) => gid('Timelog', t.id),
  // app/graphql/types/timelog_type.rb: `object.spent_at || object.created_at`.
  spentAt: (t: Timelog) => isoTime(t.spentAt || t.at),
  timeSpent: (t: Timelog) => t.seconds,
  user: (t: Timelog, _a, ctx) => userSource(ctx, t.userId),
  issue: (t: Timelog, _a, ctx) => (t.mergeRequestId ? null : (ctx.state.data.issues.find((i) => i.id === t.issueId) ?? null)),
  mergeRequest: (t: Timelog, _a, ctx) => (t.mergeRequestId ? (ctx.state.data.mergeRequests.find((m) => m.id === t.mergeRequestId) ?? null) : null),
  // Only quick actions attach a note; the API and GraphQL create timelogs with `note: nil`.
  note: () => null,
  summary: (t: Timelog) => t.summary,
  project: (t: Timelog, _a, ctx) => projectOf(ctx, t.projectId),
  userPermissions: (t: Timelog, _a, ctx) => ({ adminTimelog: canAdminTimelog(ctx, t) }),
};

interface ConnectionArgs { first?: number | null; last?: number | null; after?: string | null; before?: string | null }

const encodeCursor = (id: number): string => Buffer.from(JSON.stringify({ id: String(id) })).toString('base64');
function decodeCursor(cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { id?: unknown };
    if (typeof parsed.id === 'string' && /^\d+$/.test(parsed.id)) return Number(parsed.id);
  } catch {
    // fall through
  }
  // Keyset pagination's answer to a cursor it cannot read (not checked in GitLab's source).
  throw argumentError('Please provide a valid cursor');
}

/** Relay pagination over a fully filtered and sorted list; at most 100 per page. */
function connection<T>(all: T[], args: ConnectionArgs, idOf: (item: T) => number): Record<string, unknown> {
  let start = 0;
  let end = all.length;
  if (args.after) {
    const id = decodeCursor(args.after);
    const at = all.findIndex((item) => idOf(item) === id);
    if (at >= 0) start = at + 1;
  }
  if (args.before) {
    const id = decodeCursor(args.before);
    const at = all.findIndex((item) => idOf(item) === id);
    if (at >= 0) end = at;
  }
  let slice = all.slice(start, Math.max(start, end));
  const windowSize = slice.length;
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (first !== null) slice = slice.slice(0, Math.min(Math.max(first, 0), MAX_PAGE_SIZE));
  if (last !== null) slice = slice.slice(Math.max(0, slice.length - Math.min(Math.max(last, 0), MAX_PAGE_SIZE)));
  if (first === null && last === null) slice = slice.slice(0, MAX_PAGE_SIZE);
  const offset = last !== null ? windowSize - slice.length : 0;
  const edges = slice.map((node) => ({ cursor: encodeCursor(idOf(node)), node }));
  return {
    items: all,
    nodes: slice,
    edges,
    pageInfo: {
      hasNextPage: last !== null && first === null ? end < all.length && args.before !== undefined && args.before !== null : start + offset + slice.length < end,
      hasPreviousPage: last !== null ? start + offset > start : start > 0 && args.after !== undefined && args.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function timelogConnection(logs: Timelog[], args: ConnectionArgs): Record<string, unknown> {
  const page = connection(logs, args, (t) => t.id);
  return { ...page, count: logs.length, totalSpentTime: logs.reduce((sum, t) => sum + t.seconds, 0) };
}

// ---------------------------------------------------------------------------
// Timelogs: app/graphql/resolvers/timelog_resolver.rb and app/finders/timelogs/timelogs_finder.rb

interface TimelogArgs extends ConnectionArgs {
  startDate?: string | null;
  endDate?: string | null;
  startTime?: string | null;
  endTime?: string | null;
  projectId?: string | null;
  groupId?: string | null;
  username?: string | null;
  sort?: string | null;
}

type TimelogParent = { kind: 'user'; userId: number } | { kind: 'project'; projectId: number } | { kind: 'group'; groupId: number } | null;

function resolveTimelogs(ctx: Ctx, args: TimelogArgs, parent: TimelogParent): Record<string, unknown> {
  // validate_args!: no admin users here.
  const forCurrentUser = !!args.username && args.username === ctx.user?.username;
  if (!(parent || args.groupId || args.projectId) && !forCurrentUser) {
    throw argumentError('Non-admin users must provide a group_id, project_id, or current username');
  }
  if (args.startTime && args.startDate) throw argumentError('Provide either a start date or time, but not both');
  if (args.endTime && args.endDate) throw argumentError('Provide either an end date or time, but not both');

  // parse_datetime_args: dates widen to whole days unless both times are given.
  let start: number | null = args.startTime ? parseTime(args.startTime) : null;
  let end: number | null = args.endTime ? parseTime(args.endTime) : null;
  if (!(args.startTime && args.endTime)) {
    if (args.startDate) start = dayBoundary(args.startDate, false);
    if (args.endDate) end = dayBoundary(args.endDate, true);
  }

  let logs = ctx.state.timelogs.slice();
  if (parent?.kind === 'user') logs = logs.filter((t) => t.userId === parent.userId);
  if (parent?.kind === 'project') logs = logs.filter((t) => t.projectId === parent.projectId);
  if (parent?.kind === 'group') logs = logs.filter((t) => inGroup(ctx, t.projectId, parent.groupId));
  // by_time: TimelogsFinder#validate_time_difference!
  if (start !== null && end !== null && end < start) throw argumentError('Start argument must be before End argument');
  const spent = (t: Timelog): number => Date.parse(t.spentAt || t.at);
  if (start !== null) logs = logs.filter((t) => spent(t) >= (start as number));
  if (end !== null) logs = logs.filter((t) => spent(t) <= (end as number));
  if (args.username) {
    const user = ctx.state.data.users.find((u) => u.username.toLowerCase() === args.username?.toLowerCase());
    logs = user ? logs.filter((t) => t.userId === user.id) : [];
  }
  if (args.groupId) {
    const groupId = parseGid(args.groupId)?.id;
    if (!ctx.state.data.projects.some((p) => p.namespace.id === groupId)) throw notAvailable();
    logs = logs.filter((t) => inGroup(ctx, t.projectId, groupId ?? -1));
  }
  if (args.projectId) {
    const projectId = parseGid(args.projectId)?.id;
    logs = logs.filter((t) => t.projectId === projectId);
  }
  logs = sortTimelogs(logs, args.sort ?? 'SPENT_AT_ASC');
  // TimelogType `authorize :read_issuable`: logs on items the user cannot read are left out.
  logs = logs.filter((t) => canReadTimelog(ctx, t));
  return timelogConnection(logs, args);
}

function inGroup(ctx: Ctx, projectId: number, groupId: number): boolean {
  const project = projectOf(ctx, projectId);
  const group = ctx.state.data.projects.find((p) => p.namespace.id === groupId)?.namespace;
  // in_group: the group and its descendants.
  return !!project && !!group && (project.namespace.fullPath === group.fullPath || project.namespace.fullPath.startsWith(`${group.fullPath}/`));
}

/** Timelog.sort_by_field (app/models/timelog.rb): nulls last; ties in id order. */
function sortTimelogs(logs: Timelog[], sort: string): Timelog[] {
  const by = sort.toLowerCase();
  const direction = by.endsWith('desc') ? -1 : 1;
  const key = (t: Timelog): number =>
    by.startsWith('time_spent') ? t.seconds : by.startsWith('spent_at') ? Date.parse(t.spentAt || t.at) : Date.parse(t.at);
  return logs.sort((a, b) => (key(a) === key(b) ? a.id - b.id : (key(a) - key(b)) * direction));
}

// ---------------------------------------------------------------------------
// Mutations: app/graphql/mutations/timelogs/{create,delete}.rb, app/services/timelogs/*.rb,
// app/models/timelog.rb

interface CreateInput { clientMutationId?: string | null; timeSpent: string; spentAt?: string | null; summary: string; issuableId: string }

type Item = { kind: 'Issue'; record: IssueRecord } | { kind: 'MergeRequest'; record: MergeRequestRecord };

function findItem(ctx: Ctx, issuableId: string): Item | null {
  const ref = parseGid(issuableId);
  if (!ref) return null;
  if (ref.model === 'Issue' || ref.model === 'WorkItem') {
    const record = ctx.state.data.issues.find((i) => i.id === ref.id);
    return record ? { kind: 'Issue', record } : null;
  }
  if (ref.model === 'MergeRequest') {
    const record = ctx.state.data.mergeRequests.find((m) => m.id === ref.id);
    return record ? { kind: 'MergeRequest', record } : null;
  }
  return null;
}

/** ActiveSupport's Array#to_sentence. */
function toSentence(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  if (parts.length === 2) return `${parts[0]} and ${parts[1]}`;
  return `${parts.slice(0, -1).join(', ')}, and ${parts.at(-1)}`;
}

function timelogCreate(_root: unknown, args: { input: CreateInput }, ctx: Ctx): Record<string, unknown> {
  const input = args.input;
  const payload = (timelog: Timelog | null, errors: string[]) => ({ clientMutationId: input.clientMutationId ?? null, timelog, errors });
  // Mutations need the api scope; a read_api token reaches no mutation.
  if (!ctx.user || !hasApiScope(ctx)) throw notAvailable();

  const parsed = parseDuration(input.timeSpent, { allowNegative: true });
  const seconds = parsed.ok ? parsed.seconds : parsed.reason === 'zero' ? 0 : null;
  // 17.x checks the format before looking the item up; 16.x let a nil through to the model's
  // presence validation ("Time spent can't be blank").
  if (seconds === null && !ctx.era16) return payload(null, ['Time spent must be formatted correctly. For example: 1h 30m.']);

  // authorized_find! with `authorize :create_timelog`.
  const item = findItem(ctx, input.issuableId);
  if (!item || !canCreateTimelog(ctx, item.record.projectId)) throw notAvailable();
  if (item.kind === 'MergeRequest' ? !canReadMergeRequest(ctx, item.record) : !canReadIssue(ctx, item.record)) throw notAvailable();

  // `spent_at = args[:spent_at].nil? ? DateTime.current : args[:spent_at]`.
  const spentAtMs = input.spentAt ? parseTime(input.spentAt) : ctx.now.getTime();
  // Timelogs::CreateService#execute
  if (spentAtMs > ctx.now.getTime()) return payload(null, ["Spent at can't be a future date and time."]);
  if (seconds === 0) return payload(null, ["Time spent can't be zero."]);

  // Timelog validations, as `errors.full_messages.to_sentence`.
  const problems: string[] = [];
  if (seconds === null) problems.push("Time spent can't be blank");
  if (input.summary !== null && [...input.summary].length > 255) problems.push('Summary is too long (maximum is 255 characters)');
  if (seconds !== null) {
    // `issuable.timelogs.sum(:time_spent)`: the item's total (seed totals have no timelog records behind them).
    const total = item.record.totalTimeSpent + seconds;
    if (total < 0) problems.push('Total time spent cannot be negative.');
    if (total > MAX_TOTAL_TIME_SPENT) problems.push('Total time spent cannot exceed a year.');
  }
  if (problems.length > 0 || seconds === null) return payload(null, [toSentence(problems)]);

  const now = ctx.now.toISOString();
  const record = item.record;
  record.totalTimeSpent += seconds;
  record.updatedAt = now;
  const timelog: Timelog = {
    id: nextTimelogId(ctx.state),
    issueId: record.id,
    mergeRequestId: item.kind === 'MergeRequest' ? record.id : null,
    userId: ctx.user.id,
    seconds,
    summary: input.summary,
    at: now,
    spentAt: new Date(spentAtMs).toISOString(),
    projectId: record.projectId,
    iid: record.iid,
  };
  ctx.state.timelogs.push(timelog);
  // SystemNoteService.created_timelog, authored by the user who logged.
  timeTrackingNote(ctx.state, { type: item.kind, id: record.id }, ctx.user.id, { kind: 'timelog-created', seconds, spentAt: timelog.spentAt }, now);
  return payload(timelog, []);
}

function timelogDelete(_root: unknown, args: { input: { clientMutationId?: string | null; id: string } }, ctx: Ctx): Record<string, unknown> {
  if (!ctx.user || !hasApiScope(ctx)) throw notAvailable();
  const ref = parseGid(args.input.id);
  const index = ref ? ctx.state.timelogs.findIndex((t) => t.id === ref.id) : -1;
  const timelog = ctx.state.timelogs[index];
  // authorized_find! with `authorize :admin_timelog`.
  if (!timelog || !canReadTimelog(ctx, timelog) || !canAdminTimelog(ctx, timelog)) throw notAvailable();
  ctx.state.timelogs.splice(index, 1);
  ctx.state.deletedTimelogs = Math.max(ctx.state.deletedTimelogs ?? 0, timelog.id);
  const item = timelog.mergeRequestId
    ? ctx.state.data.mergeRequests.find((m) => m.id === timelog.mergeRequestId)
    : ctx.state.data.issues.find((i) => i.id === timelog.issueId);
  const now = ctx.now.toISOString();
  if (item) {
    item.totalTimeSpent -= timelog.seconds;
    item.updatedAt = now;
    // SystemNoteService.remove_timelog, authored by the user who deleted.
    timeTrackingNote(ctx.state, { type: timelog.mergeRequestId ? 'MergeRequest' : 'Issue', id: item.id }, ctx.user.id, { kind: 'timelog-deleted', seconds: timelog.seconds, spentAt: timelog.spentAt || timelog.at }, now);
  }
  return { clientMutationId: args.input.clientMutationId ?? null, timelog, errors: [] };
}

const RESOLVERS: Readonly<Record<string, Record<string, Resolver>>> = {
  Query: {
    currentUser: (_r, _a, ctx) => (ctx.user ? { user: ctx.user } : null),
    project: (_r, args: { fullPath: string }, ctx) => {
      const project = ctx.state.data.projects.find((p) => p.fullPath.toLowerCase() === args.fullPath.toLowerCase());
      return project && canReadProject(ctx, project) ? project : null;
    },
    group: (_r, args: { fullPath: string }, ctx) => {
      const group = ctx.state.data.projects.map((p) => p.namespace).find((n) => n.fullPath.toLowerCase() === args.fullPath.toLowerCase());
      return group && ctx.state.data.projects.some((p) => canReadProject(ctx, p) && inGroup(ctx, p.id, group.id)) ? group : null;
    },
    timelogs: (_r, args: TimelogArgs, ctx) => resolveTimelogs(ctx, args, null),
    // Resolvers::IssuesResolver: IssuesFinder over every issue the user may read; newest first
    // (the default `created_desc`). `assigneeUsernames`: assigned to all of them.
    issues: (_r, args: ConnectionArgs & { assigneeUsernames?: string[] | null; state?: string | null }, ctx) => {
      if (!args.assigneeUsernames?.length && !args.state) throw argumentError('You must provide at least one filter argument for this query');
      const assignees = (args.assigneeUsernames ?? []).map((name) => ctx.state.data.users.find((u) => u.username.toLowerCase() === name.toLowerCase()));
      const issues = ctx.state.data.issues
        .filter((i) => assignees.every((u) => u !== undefined && i.assigneeIds.includes(u.id)))
        .filter((i) => !args.state || args.state === 'all' || i.state === args.state)
        .filter((i) => canReadIssue(ctx, i))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
      return { ...connection(issues, args, (i) => i.id), count: issues.length };
    },
  },
  Mutation: { timelogCreate, timelogDelete },
  Project: PROJECT_FIELDS,
  Group: GROUP_FIELDS,
  Issue: itemFields('Issue'),
  MergeRequest: itemFields('MergeRequest'),
  Timelog: TIMELOG_FIELDS,
  UserCore: USER_FIELDS,
  CurrentUser: {
    ...USER_FIELDS,
    assignedMergeRequests: (s: UserSource, args, ctx) => userMergeRequests(ctx, s.user, 'assignee', args),
    reviewRequestedMergeRequests: (s: UserSource, args, ctx) => userMergeRequests(ctx, s.user, 'reviewer', args),
  },
  MergeRequestAssignee: USER_FIELDS,
  MergeRequestReviewer: USER_FIELDS,
  MergeRequestAuthor: USER_FIELDS,
};

const fieldResolver: GraphQLFieldResolver<unknown, Ctx> = (source, args, ctx, info) => {
  const resolve = RESOLVERS[info.parentType.name]?.[info.fieldName];
  if (resolve) return resolve(source, args, ctx);
  // Connections, edges, page info, permissions, notes: plain properties.
  return source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[info.fieldName] : undefined;
};
