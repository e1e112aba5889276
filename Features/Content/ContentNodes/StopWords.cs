namespace KolibriSlices.Features.Content.ContentNodes;

/// <summary>
/// Words too common to search by (exact, case-sensitive match, as Kolibri compares them). Kolibri carries lists for 50
/// languages; this is the English one, the language of most channel metadata.
/// </summary>
public static class StopWords
{
    public static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because",
        "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
        "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
        "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my",
        "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out",
        "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very",
        "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
        "your", "yours", "yourself", "yourselves",
    };

    /// <summary>The words that are not stop-words, or all of them when nothing else is left.</summary>
    public static string[] Critical(string[] words)
    {
        var critical = words.Where(w => !English.Contains(w)).ToArray();
        return critical.Length == 0 ? words : critical;
    }
}
