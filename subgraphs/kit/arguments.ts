// Every argument is checked at the boundary, before any resolver runs (issue 7 finding 9):
// an `ID` that is not a UUID, or a string carrying a NUL byte, is the client's error
// (BAD_USER_INPUT naming the argument), never a database cast error answered as
// INTERNAL_SERVER_ERROR. One wrapper over the whole schema fixes the class: every field, every
// argument, every input-object field and list element, in every subgraph built by the kit.
//
// So: in a kit subgraph, an `ID` argument is a UUID. Other identifiers (slugs, document
// numbers, codes) are `String`s, checked by their resolvers.
import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { HubError } from '../../schema/errors.ts';
import { isUuid } from './batch.ts';

const bad = (path: string, reason: string, message: string) => new HubError('BAD_USER_INPUT', message, { field: path, reason });

function check(type: GraphQLInputType, value: unknown, path: string): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return check(type.ofType, value, path);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((v, i) => check(type.ofType, v, `${path}[${i}]`));
    else check(type.ofType, value, path);
    return;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) if (fields[name]) check(fields[name].type, v, `${path}.${name}`);
    return;
  }
  if (typeof value !== 'string') return;
  if (type.name === 'ID' && !isUuid(value)) throw bad(path, 'ID', `${path} must be a UUID.`);
  if (value.includes('\u0000')) throw bad(path, 'NUL', `${path} must not contain a NUL character.`);
}

/** Wraps, in place, the resolver of every field that takes arguments with the boundary check. */
export function guardArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      // _entities' representations are `_Any`: each entity's reference resolver checks its key.
      const args = field.args.filter((a) => getNamedType(a.type).name !== '_Any');
      if (!args.length) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, values: Record<string, unknown>, context, info) => {
        for (const arg of args) check(arg.type, values[arg.name], arg.name);
        return resolve(source, values, context, info);
      };
    }
  }
  return schema;
}
