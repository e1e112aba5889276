using FluentMigrator;

namespace KolibriSlices.Migrations;

/// <summary>
/// Classroom lists are ordered by id within one kind: an index on (kind, id) serves a page from 50 entries instead of
/// walking every collection (a facility's learner groups sort before its classrooms) in id order.
/// </summary>
[Migration(103)]
public sealed class M0103_CollectionKindOrderIndex : Migration
{
    public override void Up() =>
        Create.Index("kolibriauth_collection_kind_id").OnTable("kolibriauth_collection").OnColumn("kind").Ascending().OnColumn("id").Ascending();

    public override void Down() => Delete.Index("kolibriauth_collection_kind_id").OnTable("kolibriauth_collection");
}
