using Carter;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Bookmarks.Bookmarks;

/// <summary>/api/bookmarks/bookmarks/: each user's own bookmarked content nodes.</summary>
public sealed class BookmarksModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bookmarks/bookmarks").WithTags("Bookmarks").WithMetadata(new KolibriView("Bookmarks"));
        group.MapGet("/", ListBookmarks.HandleAsync);
        group.MapGet("/{id}/", GetBookmark.HandleAsync);
        group.MapPost("/", CreateBookmark.HandleAsync);
        group.MapPut("/{id}/", (HttpContext http, Db db, string id) => UpdateBookmark.HandleAsync(http, db, id, partial: false));
        group.MapPatch("/{id}/", (HttpContext http, Db db, string id) => UpdateBookmark.HandleAsync(http, db, id, partial: true));
        group.MapDelete("/{id}/", DeleteBookmark.HandleAsync);
    }
}
