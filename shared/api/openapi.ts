import { JSON_SCHEMA_OPTIONS } from '../json-schema.js';
import * as z from 'zod/mini';
import { examplePath, type ExampleRequest, type HeaderSpec, type Operation, TAGS } from './operation.js';
import { apiDocs } from './registry.js';
import { Problem } from './service-schemas.js';

/**
 * The OpenAPI 3.1 document from the operations the routes declare (operation.ts) and the zod schemas they name. Pure:
 * scripts/build-openapi.ts supplies the problem catalogue and the answers it recorded for the
 * example requests, and writes the result to shared/http/api/openapi.json.
 */

type Json = Record<string, unknown>;

export interface RecordedAnswer {
  status: number;
  mediaType: string;
  /** Parsed JSON, or the text of any other media type (shortened); undefined: not shown. */
  body: unknown;
}

export interface OpenApiInput {
  operations: readonly Operation[];
  /** shared/http/problem.ts PROBLEMS: kind → status and title. */
  problems: Readonly<Record<string, { status: number; title: string }>>;
  /** `${operationId}/${example name}` → the app's answer. */
  answers: ReadonlyMap<string, RecordedAnswer>;
  version: string;
}

const COMPONENT_REF = '#/components/schemas/';
const ALWAYS = ['internal-error', 'service-unavailable'];
/** Staff routes refuse a missing or bad token (401) and a token without the role (403). */
const STAFF = ['unauthorized', 'forbidden'];
export const SECURITY_SCHEME = 'bearerAuth';

/**
 * Converts zod schemas with z.toJSONSchema. Schemas documented with an `id` (registry.ts) come out
 * as `$defs`; they are collected here and referred to as `#/components/schemas/{id}`. Requests are
 * converted as the client writes them (`io: input`: defaults optional, before transforms),
 * responses as the API sends them (`io: output`).
 */
function converter(io: 'input' | 'output') {
  const defs: Record<string, Json> = {};
  const rewriteRefs = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewriteRefs);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, child]) => [
          key,
          key === '$ref' && typeof child === 'string'
            ? child.replace(/^#\/\$defs\//, COMPONENT_REF)
            : rewriteRefs(child),
        ]),
      );
    }
    return value;
  };
  // The `id` of the metadata names the component; it is not a JSON Schema keyword of OpenAPI 3.1.
  const rewrite = (schema: Json): Json => {
    const { $schema: _schema, id: _id, ...rest } = schema;
    return rewriteRefs(rest) as Json;
  };
  return {
    defs,
    one(schema: z.ZodMiniType): Json {
      const { $defs = {}, ...root } = z.toJSONSchema(schema, {
        ...JSON_SCHEMA_OPTIONS,
        io,
        metadata: apiDocs,
      }) as Json & { $defs?: Record<string, Json> };
      for (const [id, def] of Object.entries($defs)) {
        if (!apiDocs._idmap.has(id))
          throw new Error(`schema ${id} was extracted without an id; give it one with doc()`);
        const json = rewrite(def);
        if (defs[id] && JSON.stringify(defs[id]) !== JSON.stringify(json))
          throw new Error(`two schemas are documented with the id ${id}`);
        defs[id] = json;
      }
      return rewrite(root);
    },
  };
}

const headerObjects = (headers: readonly HeaderSpec[] = []) =>
  Object.fromEntries(headers.map((h) => [h.name, { description: h.description, schema: { type: 'string' } }]));

/** Long lists in examples are cut to their first items (lists of records only: a histogram keeps its five counts). */
export function shorten(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) {
    const records = value.length > 0 && value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    return (records ? value.slice(0, depth === 0 ? 3 : 2) : value).map((v) => shorten(v, depth + 1));
  }
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v, depth + 1)]));
  return value;
}

export function openApiDocument(input: OpenApiInput): Json {
  const inConv = converter('input');
  const outConv = converter('output');
  const paths: Record<string, Record<string, Json>> = {};
  outConv.one(Problem);

  for (const op of input.operations) {
    const answer = (example: ExampleRequest) => {
      const found = input.answers.get(`${op.operationId}/${example.name}`);
      if (!found) throw new Error(`no recorded answer for ${op.operationId}/${example.name}`);
      if (found.status !== example.status)
        throw new Error(`${op.operationId}/${example.name} answered ${found.status}, documented ${example.status}`);
      return found;
    };

    // Requests shown as examples are the ones that succeed; a refused one is shown with its answer.
    const valid = op.examples.filter((e) => e.status < 300);
    const parameters: Json[] = [];
    const pathJson = op.pathParams ? inConv.one(op.pathParams) : null;
    for (const [name, schema] of Object.entries((pathJson?.properties ?? {}) as Record<string, Json>)) {
      const examples = Object.fromEntries(
        valid
          .filter((e) => e.params?.[name] !== undefined)
          .map((e) => [e.name, { summary: e.summary, value: e.params![name] }]),
      );
      parameters.push({
        name,
        in: 'path',
        required: true,
        schema,
        ...(Object.keys(examples).length ? { examples } : {}),
      });
    }
    const queryJson = op.query ? inConv.one(op.query) : null;
    const required = new Set((queryJson?.required ?? []) as string[]);
    for (const [name, schema] of Object.entries((queryJson?.properties ?? {}) as Record<string, Json>)) {
      const { description, ...rest } = schema;
      const examples = Object.fromEntries(
        valid
          .filter((e) => e.query?.[name] !== undefined)
          .map((e) => [e.name, { summary: e.summary, value: e.query![name] }]),
      );
      parameters.push({
        name,
        in: 'query',
        required: required.has(name),
        ...(description ? { description } : {}),
        schema: rest,
        ...(Object.keys(examples).length ? { examples } : {}),
      });
    }
    for (const header of op.requestHeaders ?? []) {
      parameters.push({
        name: header.name,
        in: 'header',
        required: header.required ?? false,
        description: header.description,
        schema: { type: 'string' },
      });
    }

    let requestBody: Json | undefined;
    if (op.body) {
      const schema = inConv.one(op.body);
      const examples = Object.fromEntries(
        valid.filter((e) => e.body !== undefined).map((e) => [e.name, { summary: e.summary, value: e.body }]),
      );
      requestBody = { required: true, content: { 'application/json': { schema, examples } } };
    } else if (op.textBody) {
      const examples = Object.fromEntries(
        valid.filter((e) => e.text !== undefined).map((e) => [e.name, { summary: e.summary, value: e.text }]),
      );
      requestBody = {
        required: true,
        description: op.textBody.description,
        content: {
          [op.textBody.mediaType]: {
            schema: { type: 'string' },
            ...(Object.keys(examples).length ? { examples } : {}),
          },
        },
      };
    }

    const responses: Record<string, Json> = {};
    for (const [status, spec] of Object.entries(op.responses)) {
      const mediaType = spec.mediaType ?? 'application/json';
      const examples = Object.fromEntries(
        op.examples
          .filter((e) => String(e.status) === status)
          .map((e) => [e, answer(e)] as const)
          .filter(([, recorded]) => recorded.body !== undefined)
          .map(([e, recorded]) => [e.name, { summary: e.summary, value: shorten(recorded.body) }]),
      );
      if (spec.noContent) {
        responses[status] = {
          description: spec.description,
          ...(spec.headers?.length ? { headers: headerObjects(spec.headers) } : {}),
        };
        continue;
      }
      let schema: Json;
      if (spec.schema) {
        schema = outConv.one(spec.schema);
      } else schema = { type: 'string' };
      responses[status] = {
        description: spec.description,
        ...(spec.headers?.length ? { headers: headerObjects(spec.headers) } : {}),
        content: { [mediaType]: { schema, ...(Object.keys(examples).length ? { examples } : {}) } },
      };
    }

    // Problems, grouped by status: each kind with its type URI, title and, where an example request got it, the real answer.
    const kinds = [...new Set([...op.problems, ...(op.security ? STAFF : []), ...ALWAYS])];
    const byStatus = new Map<number, string[]>();
    for (const kind of kinds) {
      const problem = input.problems[kind];
      if (!problem) throw new Error(`${op.operationId}: unknown problem kind ${kind}`);
      byStatus.set(problem.status, [...(byStatus.get(problem.status) ?? []), kind]);
    }
    for (const [status, names] of [...byStatus].sort(([a], [b]) => a - b)) {
      const examples = Object.fromEntries(
        op.examples
          .filter((e) => e.status === status)
          .map((e) => [
            e.name,
            {
              summary: `${e.summary}: ${op.method.toUpperCase()} ${examplePath(op, e)}${e.body !== undefined ? ` ${JSON.stringify(e.body)}` : ''}`,
              value: answer(e).body,
            },
          ]),
      );
      responses[String(status)] = {
        description: names.map((n) => `\`urn:gongping:problem:${n}\`: ${input.problems[n]!.title}`).join('; '),
        ...(status === 429 || status === 503
          ? { headers: headerObjects([{ name: 'Retry-After', description: 'Seconds to wait before trying again.' }]) }
          : {}),
        content: {
          'application/problem+json': {
            schema: { $ref: `${COMPONENT_REF}Problem` },
            ...(Object.keys(examples).length ? { examples } : {}),
          },
        },
      };
    }
    for (const e of op.examples)
      if (!(String(e.status) in responses))
        throw new Error(`${op.operationId}/${e.name}: status ${e.status} is not documented`);

    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description || op.security
        ? {
            description: [
              op.description,
              op.security
                ? `Staff only: a bearer token with one of the roles ${op.security.map((r) => `\`${r}\``).join(', ')}.`
                : undefined,
            ]
              .filter(Boolean)
              .join('\n\n'),
          }
        : {}),
      ...(op.security ? { security: [{ [SECURITY_SCHEME]: [...op.security] }], 'x-roles': [...op.security] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }

  // Components: a schema referred to from requests is written as the requests see it (input), from
  // responses as they are sent (output). One referred to from both must look the same both ways.
  const schemas: Record<string, Json> = {};
  for (const id of [...new Set([...Object.keys(inConv.defs), ...Object.keys(outConv.defs)])].sort()) {
    const inJson = inConv.defs[id];
    const outJson = outConv.defs[id];
    if (inJson && outJson && JSON.stringify(inJson) !== JSON.stringify(outJson)) {
      throw new Error(`component ${id} differs between requests and responses; document two schemas`);
    }
    schemas[id] = (outJson ?? inJson)!;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'gongping · 共评 API',
      version: input.version,
      summary: 'Public progress of a district five-year plan, and citizens’ 好差评 ratings of it.',
      description: [
        'gongping publishes how every numeric indicator and named project of a five-year plan is going, with a status computed by a documented method, and lets citizens rate each of them on the five-level 好差评 scale and comment, without an account.',
        '',
        '- JSON, UTF-8. Errors are `application/problem+json` (RFC 9457) with a stable `type` per kind; never a stack trace, never a 5xx for anything a client sent.',
        '- Unknown query parameters and body fields are refused (400); a malformed or unknown id is 404.',
        '- Public reads carry `Cache-Control` and a weak `ETag`: send `If-None-Match` to get 304.',
        '- Anyone may read from any site (CORS `*`, no credentials).',
        '- Staff operations (moderation, official replies, 差评 cases, publishing values, administration) need a staff bearer token with a role: see the `bearerAuth` security scheme. Their answers are never cached.',
        '- The plan’s data, the published ratings and the published comments are also open data: see the *Open data* operations and the dictionary at `/open-data`.',
        '- Examples were recorded from this very API on a scratch store holding the plan and a few illustrative ratings, comments and values (marked as such); they are not official figures.',
      ].join('\n'),
    },
    servers: [{ url: '/', description: 'This site' }],
    tags: TAGS.map((t) => ({ ...t })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: [
            'Staff sign-in with OpenID Connect: a JWT (ID or access token) from the district’s Amazon Cognito user pool, sent as `Authorization: Bearer <token>`.',
            'The API verifies signature, issuer, audience or client, expiry and token use itself, then the role: the Cognito groups `monitor`, `publisher` and `admin` (`cognito:groups`).',
            'Each staff operation names the roles it accepts in `security` (any one of them suffices) and in `x-roles`.',
            'A missing, expired or forged token is 401 `urn:gongping:problem:unauthorized` (with `WWW-Authenticate: Bearer`); a genuine token without the role is 403 `urn:gongping:problem:forbidden`. Staff answers are never cached (`Cache-Control: private, no-store`).',
            'Locally, `npm start` runs a development identity provider (`DEV_IDP`) that signs such tokens.',
          ].join(' '),
        },
      },
    },
  };
}
