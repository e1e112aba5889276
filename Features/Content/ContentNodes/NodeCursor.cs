using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace KolibriSlices.Features.Content.ContentNodes;

/// <summary>
/// DRF's cursor over <c>(lft, id)</c> as Kolibri's contentnode list uses it (content.md §4.1): base64 of a query string
/// with <c>o</c> (offset), <c>p</c> (the lft position) and <c>r</c> (reverse). The next cursor is built the DRF way.
/// </summary>
public sealed record NodeCursor
{
    private const int MaxOffset = 1000;

    public int Offset { get; init; }
    public bool Reverse { get; init; }
    public int? Position { get; init; }

    /// <summary>Null cursor = first page; <paramref name="valid"/> false for a token that does not decode (404).</summary>
    public static NodeCursor? Parse(string? token, out bool valid)
    {
        valid = true;
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(token));
            var values = QueryHelpers.ParseQuery("?" + text);
            var offset = 0;
            int? position = null;
            if (values.TryGetValue("o", out var o) && !int.TryParse(o[^1], NumberStyles.None, CultureInfo.InvariantCulture, out offset)) valid = false;
            if (values.TryGetValue("p", out var p))
            {
                if (int.TryParse(p[^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)) position = parsed;
                else valid = false;
            }
            var reverse = values.TryGetValue("r", out var r) && r[^1] == "1";
            return valid ? new NodeCursor { Offset = Math.Min(offset, MaxOffset), Position = position, Reverse = reverse } : null;
        }
        catch (FormatException)
        {
            valid = false;
            return null;
        }
    }

    public string Encode()
    {
        var parts = new List<string>();
        if (Offset != 0) parts.Add("o=" + Offset.ToString(CultureInfo.InvariantCulture));
        if (Reverse) parts.Add("r=1");
        if (Position is { } p) parts.Add("p=" + p.ToString(CultureInfo.InvariantCulture));
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Join("&", parts)));
    }

    /// <summary>The cursor of the page after <paramref name="pageLfts"/>, given the lft of the first row beyond it.</summary>
    public static NodeCursor Next(NodeCursor? current, IReadOnlyList<int> pageLfts, int nextLft, int pageSize)
    {
        var compare = nextLft;
        var offset = 0;
        int? position = null;
        for (var i = pageLfts.Count - 1; i >= 0; i--)
        {
            if (pageLfts[i] != compare)
            {
                position = pageLfts[i];
                break;
            }
            compare = pageLfts[i];
            offset++;
        }
        if (position is null && pageLfts.Count > 0)
        {
            if (current is null) return new NodeCursor { Offset = pageSize };
            return new NodeCursor { Offset = current.Offset + pageSize, Position = current.Position };
        }
        return new NodeCursor { Offset = offset, Position = position ?? nextLft };
    }
}
