namespace KolibriSlices.Features.Content.ImportChannel;

/// <summary><c>importchannel disk &lt;channel_id&gt; &lt;dir&gt;</c>: the verb is reserved; the importer lands with the content slices.</summary>
public static class ImportChannelVerb
{
    public static Task<int> RunAsync(string channelId, string directory, IServiceProvider services)
    {
        Console.Error.WriteLine($"importchannel: this build cannot import channels yet (asked for {channelId} from {directory}).");
        return Task.FromResult(3);
    }
}
