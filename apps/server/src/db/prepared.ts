/**
 * Server-side prepared statements for the queries a server repeats (DATABASE_PREPARED_STATEMENTS).
 *
 * Kysely's PostgreSQL driver sends every query unnamed, so PostgreSQL parses and plans it each
 * time: measured on the submission benchmark (2026-12-03), parse and bind were 45% of the
 * statements' time in the server. Here each connection prepares a statement the second time
 * the process sees its text, under a name derived from the text, and then only binds and
 * executes it. node-postgres keeps, per connection, which names it has prepared.
 *
 * Bounds: only statements with parameters (those already go through the extended protocol, so
 * one statement per text; migrations and other multi-statement texts stay unnamed), with at
 * most MAX_PARAMETERS of them (bulk inserts vary in length and would each make a statement),
 * and at most MAX_PER_CONNECTION names per connection.
 *
 * A schema change that alters what a prepared `select *` returns makes PostgreSQL refuse it
 * ("cached plan must not change result type", 0A000). Then every name gets a new generation,
 * so each connection prepares afresh; the statement is retried at once when it ran outside a
 * transaction, otherwise the error reaches the caller as any failed statement does.
 *
 * Not behind a transaction-mode pooler that does not carry prepared statements across its
 * server connections (PgBouncer before 1.21): the cluster stack turns this off.
 */
import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

const MAX_PARAMETERS = 100;
const MAX_PER_CONNECTION = 256;
/** Texts seen once are not prepared (one-off statements, reports with a changing shape). */
const SEEN_BEFORE_PREPARING = 2;
const MAX_TEXTS_COUNTED = 10_000;

interface Prepared {
  generation: number;
  /** How often each text (by digest) was seen, up to SEEN_BEFORE_PREPARING. */
  seen: Map<string, number>;
}

const digest = (text: string) => createHash('sha1').update(text).digest('base64url').slice(0, 20);

function isResultTypeChange(error: unknown): boolean {
  return (
    (error as { code?: string }).code === '0A000' &&
    /cached plan must not change result type/.test((error as Error).message)
  );
}

function wrapClient(client: PostgresPoolClient, state: Prepared): PostgresPoolClient {
  const names = new Set<string>();
  let inTransaction = false;
  const raw = client.query.bind(client) as (...args: unknown[]) => Promise<PostgresQueryResult<unknown>>;
  /** The statement's name when it is to be prepared, else null. */
  const nameFor = (text: string, parameters: readonly unknown[]): string | null => {
    if (parameters.length === 0 || parameters.length > MAX_PARAMETERS) return null;
    const key = digest(text);
    const count = state.seen.get(key) ?? 0;
    if (count < SEEN_BEFORE_PREPARING) {
      if (state.seen.size < MAX_TEXTS_COUNTED || count > 0) state.seen.set(key, count + 1);
      if (count + 1 < SEEN_BEFORE_PREPARING) return null;
    }
    return `tn${state.generation}_${key}`;
  };
  const query = async (text: unknown, parameters?: unknown) => {
    if (typeof text !== 'string' || !Array.isArray(parameters)) return raw(text, parameters);
    const command = text.trimStart().slice(0, 8).toLowerCase();
    if (command.startsWith('begin') || command.startsWith('start')) inTransaction = true;
    else if (command.startsWith('commit') || command.startsWith('rollback') || command.startsWith('end'))
      inTransaction = false;
    const name = nameFor(text, parameters);
    if (name === null) return raw(text, parameters);
    if (!names.has(name)) {
      if (names.size >= MAX_PER_CONNECTION) return raw(text, parameters);
      names.add(name);
    }
    try {
      return await raw({ name, text, values: parameters });
    } catch (error) {
      if (!isResultTypeChange(error)) throw error;
      // The old statements stay on the connections (and count towards their bound).
      state.generation += 1;
      if (inTransaction) throw error;
      return raw(text, parameters);
    }
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'query') return query;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The pool Kysely's PostgresDialect takes, preparing repeated statements on each connection. */
export function preparingPool(pool: PostgresPool): PostgresPool {
  const state: Prepared = { generation: 0, seen: new Map() };
  const clients = new WeakMap<PostgresPoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) clients.set(client, (wrapped = wrapClient(client, state)));
      return wrapped;
    },
    end: () => pool.end(),
  };
}
