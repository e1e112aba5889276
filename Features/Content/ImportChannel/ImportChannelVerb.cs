using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Content.ImportChannel;

/// <summary>
/// <c>importchannel disk &lt;channel_id&gt; &lt;dir&gt; [--with-files] [--force]</c>: imports &lt;dir&gt;/content/databases/&lt;channel_id&gt;.sqlite3
/// (see <see cref="ChannelImporter"/>); with <c>--with-files</c> (configuration key <c>Import:WithFiles</c>) the content
/// files found under &lt;dir&gt;/content/storage/ are copied into the home and their nodes become available; <c>--force</c>
/// (<c>Import:Force</c>) replaces a channel already imported at the same version.
/// Exit codes: 0 imported or nothing to do, 1 the database cannot be imported (nothing changed).
/// </summary>
public static class ImportChannelVerb
{
    public static async Task<int> RunAsync(string channelId, string directory, IServiceProvider services, bool? withFiles = null,
        bool? force = null)
    {
        var config = services.GetRequiredService<IConfiguration>();
        var request = new ImportRequest
        {
            ChannelId = channelId,
            Directory = Path.GetFullPath(directory),
            Home = DatabaseSetup.Home(config),
            WithFiles = withFiles ?? (bool.TryParse(config["Import:WithFiles"], out var configured) && configured),
            Force = force ?? (bool.TryParse(config["Import:Force"], out var forced) && forced),
            Log = Console.Out,
        };
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var result = await ChannelImporter.ImportAsync(services.GetRequiredService<Db>(), services.GetRequiredService<TimeProvider>(), request);
            Console.Out.WriteLine($"{result.Message} ({started.Elapsed.TotalSeconds:0.0} s)");
            return 0;
        }
        catch (ChannelImportException e)
        {
            Console.Error.WriteLine($"importchannel: {e.Message} Nothing was imported.");
            return 1;
        }
        catch (System.Data.Common.DbException e)
        {
            Console.Error.WriteLine($"importchannel: the database refused the channel ({e.Message}). Nothing was imported.");
            return 1;
        }
    }
}
