using FluentMigrator.Builders.Create.Table;

namespace KolibriSlices.Infrastructure.Database;

public static class MigrationExtensions
{
    /// <summary>The id and morango sync columns every syncable Kolibri table starts with.</summary>
    public static ICreateTableColumnOptionOrWithColumnSyntax WithSyncableColumns(this ICreateTableWithColumnSyntax table) =>
        table.WithColumn("id").AsString(32).NotNullable().PrimaryKey()
            .WithColumn("_morango_dirty_bit").AsBoolean().NotNullable().WithDefaultValue(true)
            .WithColumn("_morango_source_id").AsString(96).NotNullable().WithDefaultValue("")
            .WithColumn("_morango_partition").AsString(128).NotNullable().WithDefaultValue("");

    /// <summary>Kolibri keeps datetimes as text; we store ISO-8601 UTC strings that sort as they read.</summary>
    public static ICreateTableColumnOptionOrWithColumnSyntax AsTimestamp(this ICreateTableColumnAsTypeSyntax column) =>
        column.AsString(40);
}
