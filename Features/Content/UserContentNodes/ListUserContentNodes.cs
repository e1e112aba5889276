using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using KolibriSlices.Features.Content.UserNodes;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;
using ContentNodeProjection = KolibriSlices.Features.Content.ContentNodes.ContentNodeProjection;

namespace KolibriSlices.Features.Content.UserContentNodes;

/// <summary>
/// GET /api/content/usercontentnode/: available nodes narrowed by the node filters and by the caller's activity:
/// <c>resume</c> (in progress), <c>next_steps</c> (after completed content), <c>popular</c>, <c>lesson</c>; ordering
/// <c>last_interacted</c>; cursor pages with <c>max_results</c>.
/// </summary>
public static class ListUserContentNodes
{
    public sealed record NodeKey
    {
        public required string Id { get; init; }
        public string? LastInteracted { get; init; }
    }

    private const string PopularCountSql = "SELECT COUNT(*) FROM logger_contentsessionlog";

    private const string PopularSql = """
        SELECT content_id FROM logger_contentsessionlog GROUP BY content_id ORDER BY COUNT(*) DESC, content_id LIMIT 20
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        http.Response.Headers.CacheControl = "max-age=0";
        var args = new DynamicParameters();
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var query = new QueryParams(http.Request);
        var maxResults = int.TryParse(query.Get("max_results"), out var max) && max > 0 ? max : (int?)null;
        // Pages in tree order walk the (lft, id) index (see NodeFilters.ParseAsync).
        var (where, error) = await NodeFilters.ParseAsync(http.Request, conn, args,
            walk: maxResults is not null && query.Get("ordering") is null && query.Get("popular") is null);
        if (error is not null) return error;
        var lessonId = query.Get("lesson");
        var user = CurrentUser.Of(http);
        args.Add("userId", user?.Id ?? "");

        var random = false;
        if (query.Get("resume") is not null)
            where.Add("n.content_id IN (SELECT rs.content_id FROM logger_contentsummarylog rs WHERE rs.user_id = @userId AND rs.progress > 0 AND rs.progress < 1)");
        if (query.Get("next_steps") is not null)
        {
            where.Add("""
                (n.id IN (SELECT hp.from_contentnode_id FROM content_contentnode_has_prerequisite hp
                          JOIN content_contentnode done ON done.id = hp.to_contentnode_id
                          JOIN logger_contentsummarylog ds ON ds.content_id = done.content_id AND ds.user_id = @userId AND ds.progress >= 1)
                 OR EXISTS (SELECT 1 FROM content_contentnode done JOIN logger_contentsummarylog ds ON ds.content_id = done.content_id
                            WHERE ds.user_id = @userId AND ds.progress >= 1 AND done.tree_id = n.tree_id AND n.lft = done.rght + 1))
                AND n.content_id NOT IN (SELECT xs.content_id FROM logger_contentsummarylog xs WHERE xs.user_id = @userId)
                """);
            if (user is null || !(user.IsSuperuser || user.Roles.Count > 0)) where.Add("n.coach_content = FALSE");
        }
        if (query.Get("popular") is not null)
        {
            if (await conn.ExecuteScalarAsync<long>(PopularCountSql) >= 50)
            {
                where.Add("n.content_id IN @popular");
                args.Add("popular", (await conn.QueryAsync<string>(PopularSql)).ToArray());
            }
            else
            {
                where.Add("n.kind <> 'topic'");
                random = true;
            }
        }
        if (lessonId is not null)
        {
            var resources = user is null || Ids.Normalize(lessonId) is not { } lesson ? null : await conn.ExecuteScalarAsync<string?>("""
                SELECT l.resources FROM lessons_lesson l
                WHERE l.id = @lesson AND l.is_active = TRUE
                  AND EXISTS (SELECT 1 FROM lessons_lessonassignment la JOIN kolibriauth_membership m ON m.collection_id = la.collection_id
                              WHERE la.lesson_id = l.id AND m.user_id = @userId)
                """, new { lesson, userId = user.Id });
            where.Add("n.id IN @lesson_nodes");
            args.Add("lesson_nodes", resources is null ? [] : ContentReferences.LessonNodeIds(resources).ToArray());
        }

        var (ordering, orderingError) = Ordering.Parse(http.Request,
            new Dictionary<string, string> { ["last_interacted"] = "last_interacted" }, null);
        if (orderingError is not null) return orderingError;
        var offset = 0;
        if (maxResults is not null && query.Get("cursor") is { } cursor)
        {
            if (DecodeOffset(cursor) is not { } decoded) return KolibriErrors.NotFound(http);
            offset = Math.Min(decoded, 1000);
        }
        // A page, and one row more to tell whether another follows, is read by SQL: the last_interacted of the page's
        // nodes alone (in tree order), not of every node the filters keep. Random picks are 25 nodes, paged in memory.
        var order = random ? "ORDER BY RANDOM() LIMIT 25"
            : ordering is null ? "ORDER BY k.lft, k.id"
            : $"ORDER BY k.last_interacted IS NULL, {ordering.Sql}, k.lft, k.id";
        var pagedInSql = maxResults is not null && !random;
        if (pagedInSql)
        {
            order += " LIMIT @pageLimit OFFSET @pageOffset";
            args.Add("pageLimit", maxResults + 1);
            args.Add("pageOffset", offset);
        }
        // A derived table, so that ORDER BY may use last_interacted in an expression on PostgreSQL too.
        var keys = (await conn.QueryAsync<NodeKey>($"""
            SELECT k.id, k.last_interacted FROM (
                SELECT n.id, n.lft,
                       (SELECT MAX(li.end_timestamp) FROM logger_contentsummarylog li WHERE li.user_id = @userId AND li.content_id = n.content_id) AS last_interacted
                FROM content_contentnode n WHERE {(where.Count == 0 ? "1 = 1" : string.Join(" AND ", where))}
            ) k {order}
            """, args)).Select(k => k.Id).ToList();

        if (maxResults is null)
        {
            var all = await ContentNodeProjection.ByIdAsync(conn, keys);
            return Results.Json(keys.Where(all.ContainsKey).Select(k => all[k]).ToList());
        }
        var after = pagedInSql ? keys : keys.Skip(offset).ToList();
        var page = after.Take(maxResults.Value).ToList();
        var nodes = await ContentNodeProjection.ByIdAsync(conn, page);
        JsonObject? more = null;
        if (after.Count > maxResults.Value)
        {
            more = [];
            foreach (var (key, values) in http.Request.Query) more[key] = values.LastOrDefault();
            more["cursor"] = Convert.ToBase64String(Encoding.ASCII.GetBytes($"o={offset + maxResults.Value}"));
        }
        return Results.Json(new Dictionary<string, object?> { ["more"] = more, ["results"] = page.Where(nodes.ContainsKey).Select(k => nodes[k]).ToList() });
    }

    /// <summary>The offset of a DRF cursor token (base64 of a query string with o, p, r); null when unreadable.</summary>
    private static int? DecodeOffset(string token)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(token));
            var fields = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + text);
            if (!fields.TryGetValue("o", out var o)) return 0;
            return int.TryParse(o.ToString(), out var offset) && offset >= 0 ? offset : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
