namespace KolibriSlices.Infrastructure;

/// <summary>
/// The binary's verbs. With none it serves; <c>migrate</c> brings the schema up to date; <c>importchannel</c> brings a
/// channel in. Every other argument (<c>--urls</c>, <c>--Database:Provider=postgres</c>, ...) is host configuration.
/// </summary>
public static class Cli
{
    public const string Usage = """
        Usage: KolibriSlices [verb] [options]

        Verbs:
          (none) | serve                          run the HTTP server (migrations are applied at start)
          migrate                                 apply database migrations and exit
          importchannel disk <channel_id> <dir>   import a channel database from <dir>/content/databases/
              [--with-files]                      also take the content files found under <dir>/content/storage/
              [--force]                           replace the channel even when that version is already imported
          help | --help | -h                      show this text

        Options (ASP.NET configuration; also appsettings.json and environment variables such as Database__Provider):
          --urls http://127.0.0.1:8080            where to listen
          --Kolibri:Home <dir>                    data folder (default: $KOLIBRI_HOME, else ~/.kolibri-slices)
          --Database:Provider sqlite|postgres     database engine (default sqlite: <home>/db.sqlite3)
          --ConnectionStrings:Default "<cs>"      connection string (required for postgres)
        """;

    public sealed record Command(string Verb, string[] Arguments, string[] HostArgs, string? Error = null);

    public static Command Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-') && args[0] is not ("--help" or "-h"))
            return new Command("serve", [], args);
        var verb = args[0] is "--help" or "-h" ? "help" : args[0];
        var rest = args[1..];
        var positional = rest.TakeWhile(a => !a.StartsWith('-')).ToArray();
        var host = rest[positional.Length..];
        return verb switch
        {
            "serve" or "migrate" or "help" when positional.Length == 0 => new Command(verb, [], host),
            "serve" or "migrate" or "help" => new Command(verb, positional, host, $"'{verb}' takes no arguments, got '{string.Join(' ', positional)}'."),
            "importchannel" when positional is ["disk", _, _] => new Command(verb, positional[1..],
                host.Select(a => a switch { "--with-files" => "--Import:WithFiles=true", "--force" => "--Import:Force=true", _ => a }).ToArray()),
            "importchannel" => new Command(verb, positional, host, "importchannel needs: disk <channel_id> <dir>"),
            _ => new Command(verb, positional, host, $"Unknown verb '{verb}'."),
        };
    }
}
