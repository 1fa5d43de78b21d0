using System.Text.Json;

namespace TwoWay.Cli.Tests;

public class ConventionsTests
{
    [Fact]
    public void Unknown_command_is_a_usage_error_with_exit_code_2()
    {
        var r = CliRunner.Run("no-such-command");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no-such-command", r.Error);
    }

    [Fact]
    public void Unknown_option_is_a_usage_error()
    {
        var r = CliRunner.Run("modes", "--no-such-option");
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Modes_json_lists_every_mode_with_tier_and_both_direction_codes()
    {
        var r = CliRunner.Run("modes", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var modes = doc.RootElement.GetProperty("modes").EnumerateArray().ToList();
        Assert.Equal(14, modes.Count);
        var licensing = modes.Single(m => m.GetProperty("mode").GetString() == "licensing");
        Assert.Equal(2, licensing.GetProperty("tier").GetInt32());
        Assert.Equal("licensing_in", licensing.GetProperty("inward_code").GetString());
        Assert.Equal("licensing_out", licensing.GetProperty("outward_code").GetString());
    }

    [Fact]
    public void Modes_table_is_human_readable()
    {
        var r = CliRunner.Run("modes");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("licensing-in", r.Out);
        Assert.Contains("export of goods", r.Out);
    }
}
