using KolibriSlices.Infrastructure;

namespace KolibriSlices.Tests.Infrastructure;

public sealed class CliTests
{
    [Theory]
    [InlineData(new string[0], "serve")]
    [InlineData(new[] { "--urls", "http://127.0.0.1:9000" }, "serve")]
    [InlineData(new[] { "serve", "--Kolibri:Home=/tmp/x" }, "serve")]
    [InlineData(new[] { "migrate" }, "migrate")]
    [InlineData(new[] { "--help" }, "help")]
    [InlineData(new[] { "-h" }, "help")]
    public void Verbs_are_recognised_and_options_pass_to_the_host(string[] args, string verb)
    {
        var command = Cli.Parse(args);
        Assert.Null(command.Error);
        Assert.Equal(verb, command.Verb);
        Assert.Equal(args.Where(a => a.StartsWith('-') && a is not ("--help" or "-h")), command.HostArgs.Where(a => a.StartsWith('-')));
    }

    [Fact]
    public void Importchannel_takes_disk_a_channel_id_and_a_folder()
    {
        var command = Cli.Parse(["importchannel", "disk", "6199dde695db4ee4ab392222d5af1e5c", "/media/usb", "--Kolibri:Home=/srv"]);
        Assert.Null(command.Error);
        Assert.Equal(["6199dde695db4ee4ab392222d5af1e5c", "/media/usb"], command.Arguments);
        Assert.Equal(["--Kolibri:Home=/srv"], command.HostArgs);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("importchannel")]
    [InlineData("importchannel network abc")]
    [InlineData("migrate extra")]
    public void Bad_arguments_are_an_error_the_binary_exits_2_on(string args) =>
        Assert.NotNull(Cli.Parse(args.Split(' ')).Error);
}
