using System.ComponentModel;
using System.Reflection;
using Spectre.Console.Cli;
using TwoWay.Cli;

namespace TwoWay.Cli.Tests;

/// <summary>Every command explains itself (issue 16): each argument and option says what it is for, and help shows it.</summary>
public class HelpTests
{
    private static IEnumerable<Type> SettingsTypes() =>
        typeof(TwoWayApp).Assembly.GetTypes().Where(t => typeof(CommandSettings).IsAssignableFrom(t) && !t.IsAbstract);

    [Fact]
    public void Every_argument_and_option_of_every_command_has_a_description()
    {
        var missing = (from t in SettingsTypes()
                       from p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                       let option = p.GetCustomAttribute<CommandOptionAttribute>()
                       let argument = p.GetCustomAttribute<CommandArgumentAttribute>()
                       where (option is not null || argument is not null)
                             && string.IsNullOrWhiteSpace(p.GetCustomAttribute<DescriptionAttribute>()?.Description)
                       select $"{t.Name}.{p.Name} ({option?.LongNames.FirstOrDefault() ?? argument?.ValueName})").Distinct().Order().ToList();
        Assert.True(missing.Count == 0, "without a description:\n" + string.Join("\n", missing));
        Assert.True(SettingsTypes().Count() > 40); // the check saw the commands
    }

    [Theory]
    [InlineData(new[] { "assess" }, new[] { "--answers", "--html", "--study", "--firm-id", "--save", "--force", "batch" })]
    [InlineData(new[] { "code" }, new[] { "<study>", "<source>", "--phrase", "--span", "--coder", "edit", "remove" })]
    [InlineData(new[] { "panel", "simulate" }, new[] { "--firms", "--years", "--seed", "--force" })]
    [InlineData(new[] { "quotes" }, new[] { "--case", "--round", "--coder", "--subcodes" })]
    public void Help_of_a_command_lists_its_own_options(string[] command, string[] expected)
    {
        var r = CliRunner.Run([.. command, "--help"]);
        Assert.Equal(0, r.ExitCode);
        foreach (var e in expected) Assert.Contains(e, r.Out);
    }

    [Fact]
    public void Examples_quote_every_argument_that_holds_a_space()
    {
        // A help example is copied into a shell: an unquoted "managing director" is two arguments.
        var help = string.Concat(new[] { new[] { "code", "--help" }, ["sources", "add", "--help"], ["code", "edit", "--help"] }
            .Select(a => CliRunner.Run(a).Out));
        Assert.Contains("\"We started by importing Kessler castings\"", help);
        Assert.Contains("\"managing director\"", help);
        Assert.DoesNotContain("--role managing director", help);
    }
}

/// <summary>A refusal says "nothing was stored" only where something could have been (issue 16).</summary>
public class RefusalWordingTests
{
    [Fact]
    public void Only_commands_that_write_say_nothing_was_stored()
    {
        using var dir = new TempDir();
        var study = SmallStudy.Create(dir);
        var read = CliRunner.Run("analyze", study, "--firm", "ZZ-99");
        Assert.Equal(1, read.ExitCode);
        Assert.DoesNotContain("nothing was stored", read.Error);
        var write = CliRunner.Run("import", study, dir.Write("bad.csv", "firm_id,name,home_country\nAB-01,X,QQ\n"));
        Assert.Equal(1, write.ExitCode);
        Assert.Contains("nothing was stored", write.Error);
    }
}

/// <summary>The analyze table in an ordinary 100-column terminal breaks lines between words only (issue 16).</summary>
public class NarrowTerminalTests
{
    [Fact]
    public void Analyze_in_100_columns_keeps_every_word_whole()
    {
        using var dir = new TempDir();
        var study = SmallStudy.Create(dir);
        var o = new StringWriter();
        var e = new StringWriter();
        Spectre.Console.IAnsiConsole Make(TextWriter w)
        {
            var c = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
            {
                Out = new Spectre.Console.AnsiConsoleOutput(w), Ansi = Spectre.Console.AnsiSupport.No,
                ColorSystem = Spectre.Console.ColorSystemSupport.NoColors, Interactive = Spectre.Console.InteractionSupport.No,
            });
            c.Profile.Width = 100;
            return c;
        }
        Assert.Equal(0, TwoWayApp.Run(["analyze", study], new TwoWay.Cli.Terminal(Make(o), Make(e), interactive: false)));
        var table = o.ToString();
        Assert.All(table.Split('\n'), line => Assert.True(line.Length <= 100, line));
        foreach (var word in new[] { "complementarity", "inward-led", "outward-led", "simultaneous", "independent", "de-int.", "born" })
            Assert.Contains(word, table);
        foreach (var id in new[] { "AM-01", "GE-02", "PL-01", "RS-01", "UA-02" }) Assert.Contains(id, table);
    }
}
