using FluentMigrator;

namespace KolibriSlices.Migrations;

/// <summary>
/// Keyword filters and contentnode_search (a substring of title or description) from a trigram index when the words
/// are rare, instead of a LIKE over every node of every channel (the triggers follow imports, re-imports and deletes).
/// </summary>
[Migration(201)]
public sealed class M0201_ContentNodeSearchIndex()
    : TrigramSearchMigration("content_contentnode", "kolibrislices_contentnode_search", "title", "description");
