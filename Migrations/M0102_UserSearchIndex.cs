using FluentMigrator;

namespace KolibriSlices.Migrations;

/// <summary>
/// The user list's <c>search</c> (a substring of username or full name) from a trigram index instead of a scan of
/// every user.
/// </summary>
[Migration(102)]
public sealed class M0102_UserSearchIndex()
    : TrigramSearchMigration("kolibriauth_facilityuser", "kolibrislices_facilityuser_search", "username", "full_name");
