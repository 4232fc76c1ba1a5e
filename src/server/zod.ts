// Zod as Fastify's schema language: it validates every body, parameter and query string, types
// the handlers, and becomes JSON Schema for the OpenAPI document at /docs.
import type { FastifyInstance, FastifySchema, FastifyTypeProvider } from 'fastify';
import { z } from 'zod';

export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

export function useZod(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema }) => (data: unknown) => {
    const result = (schema as z.ZodType).safeParse(data);
    return result.success ? { value: result.data } : { error: result.error };
  });
  // Responses are documented, not re-validated: handlers are typed against the same schemas.
  app.setSerializerCompiler(() => (data: unknown) => JSON.stringify(data));
}

const parts = ['body', 'querystring', 'params', 'headers'] as const;

function toJson(schema: unknown, io: 'input' | 'output'): unknown {
  if (!(schema instanceof z.ZodType)) return schema;
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

/** @fastify/swagger `transform`: turns a route's zod schemas into JSON Schema. */
export function zodToOpenApi({ schema, url }: { schema: FastifySchema; url: string }): { schema: FastifySchema; url: string } {
  if (!schema) return { schema, url };
  const out: Record<string, unknown> = { ...schema };
  for (const part of parts) if (schema[part]) out[part] = toJson(schema[part], 'input');
  if (schema.response && typeof schema.response === 'object') {
    out.response = Object.fromEntries(Object.entries(schema.response).map(([code, s]) => [code, toJson(s, 'output')]));
  }
  return { schema: out as FastifySchema, url };
}
