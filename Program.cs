using Carter;
using KolibriSlices.Infrastructure;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Features.Content.ImportChannel;
using KolibriSlices.Infrastructure.Http;

var command = Cli.Parse(args);
if (command.Error is not null)
{
    Console.Error.WriteLine(command.Error);
    Console.Error.WriteLine(Cli.Usage);
    return 2;
}
if (command.Verb == "help")
{
    Console.WriteLine(Cli.Usage);
    return 0;
}

// appsettings.json is read once at start: watching it for changes would start a recursive watcher on the working
// directory, a tenth of a second of start-up or more (an operator can still pass --hostBuilder:reloadConfigOnChange=true).
// The slim builder leaves out what the service does not use and start-up would pay for: logging providers other than
// the console, HTTPS endpoints (Kolibri serves plain HTTP; TLS belongs to a proxy in front), regex route constraints.
var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false", .. command.HostArgs]);
builder.WebHost.UseUrls(builder.Configuration["urls"] is { Length: > 0 } urls ? urls : "http://127.0.0.1:8080"); // Kolibri's port
// The schema check (or the migrations of a new home) runs on another core while the services are registered and built.
var db = DatabaseSetup.CreateDb(builder.Configuration);
builder.Services.AddKolibriDatabase(db);
var migrated = Task.Run(() => DatabaseSetup.MigrateAsync(db));
builder.Services.AddKolibriHttp();
builder.Services.AddKolibriApiDocs();
builder.Services.AddCarter(new DependencyContextAssemblyCatalog(new[] { typeof(Program).Assembly }));

var app = builder.Build();
await migrated;
switch (command.Verb)
{
    case "migrate":
        Console.WriteLine("Database is up to date.");
        return 0;
    case "importchannel":
        return await ImportChannelVerb.RunAsync(command.Arguments[0], command.Arguments[1], app.Services);
}

app.UseKolibriHttp();
app.MapCarter();
app.MapOpenApi(); // generated API description: /openapi/v1.json
await app.RunAsync();
return 0;

public partial class Program;
