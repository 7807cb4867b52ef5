/**
 * Telling a PostgreSQL store location from an SQLite path, and splitting `?schema=` off the URL
 * (the driver would otherwise send it to the server as a setting). Every port's opener uses these,
 * so all ports of one location land in the same schema.
 */
import { OgohError } from '@ogoh/core';

export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The connection URL without `schema`, and the schema it named (when it named one). */
export function postgresLocation(location: string): { url: string; schema?: string } {
  let u: URL;
  try {
    u = new URL(location);
  } catch {
    throw new OgohError('USAGE', 'the PostgreSQL URL cannot be parsed', {
      field: 'db',
      hint: 'e.g. --db postgres://ogoh@127.0.0.1:5432/ogoh?schema=ogoh',
    });
  }
  const schema = u.searchParams.get('schema');
  u.searchParams.delete('schema');
  return schema === null ? { url: u.toString() } : { url: u.toString(), schema };
}

/** `{ schema }` for an opener's options, or nothing when the URL named none (the default applies). */
export function schemaOption(location: string): { url: string; options: { schema?: string } } {
  const { url, schema } = postgresLocation(location);
  return { url, options: schema === undefined ? {} : { schema } };
}
