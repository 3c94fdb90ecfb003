/**
 * Kysely's SqliteIntrospector, minus the tables D1 forbids. D1 keeps internal tables named `_cf_*` in
 * every database and answers SQLITE_AUTH to any query that touches their columns, so Kysely's own
 * introspector (which reads `pragma_table_info` of every table) fails, and with it the Migrator, which
 * asks it whether `kysely_migration` exists. Same queries otherwise.
 */
import {
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';

interface TableRow {
  name: string;
  type: 'table' | 'view';
}

interface ColumnRow {
  table: string;
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
}

export class D1Introspector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    return []; // SQLite has no schemas.
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    const hidden = options.withInternalKyselyTables ? [] : [DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE];
    const tableList = sql`select name, type from sqlite_master
      where type in ('table', 'view') and name not like 'sqlite\\_%' escape '\\' and name not like '\\_cf\\_%' escape '\\'
      ${hidden.length > 0 ? sql`and name not in (${sql.join(hidden)})` : sql``}`;
    const tables = await sql<TableRow>`${tableList} order by name`.execute(this.db);
    const columns = await sql<ColumnRow>`with tl as (${tableList})
      select tl.name as "table", p.name, p.type, p."notnull", p.dflt_value, p.pk
      from tl, pragma_table_info(tl.name) as p order by tl.name, p.cid`.execute(this.db);

    return tables.rows.map(({ name, type }) => {
      const own = columns.rows.filter((c) => c.table === name);
      // Application ids are text, but keep Kysely's rule: a lone INTEGER PRIMARY KEY auto-increments.
      const pk = own.filter((c) => c.pk > 0);
      const autoIncrementing = pk.length === 1 && pk[0]!.type.toLowerCase() === 'integer' ? pk[0]!.name : undefined;
      return {
        name,
        isView: type === 'view',
        columns: own.map((c) => ({
          name: c.name,
          dataType: c.type,
          isNullable: !c.notnull,
          isAutoIncrementing: c.name === autoIncrementing,
          hasDefaultValue: c.dflt_value != null,
        })),
      };
    });
  }
}
