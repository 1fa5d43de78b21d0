using TwoWay.Application.Files;
using TwoWay.Input;
using TwoWay.Storage;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Reports;

public class OutputFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string[] Leftovers() => Directory.GetFiles(_dir.Path, "*.tmp-*");

    [Fact]
    public void Writes_the_text_and_leaves_no_temporary_file()
    {
        var path = _dir.File("r.html");
        Assert.Equal(path, OutputFile.WriteText(path, "<p>é</p>", "--out", force: false));
        Assert.Equal("<p>é</p>", File.ReadAllText(path));
        Assert.Equal(0xC3, File.ReadAllBytes(path)[3]); // UTF-8, no byte-order mark
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void An_existing_file_is_refused_unless_forced()
    {
        var path = _dir.File("r.html");
        File.WriteAllText(path, "old");
        var ex = Assert.Throws<InputException>(() => OutputFile.WriteText(path, "new", "--out", force: false));
        Assert.Contains("pass --force", ex.Message);
        Assert.Equal("--out", ex.Errors[0].Field);
        Assert.Equal("old", File.ReadAllText(path));
        OutputFile.WriteText(path, "new", "--out", force: true);
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void The_study_file_and_its_sidecars_are_refused_even_with_force()
    {
        var study = _dir.File("s.twoway");
        using (Study.Create(study)) { }
        var before = File.ReadAllBytes(study);
        foreach (var target in new[] { study, study + "-wal", Path.Combine(_dir.Path, ".", "sub", "..", "s.twoway") })
        {
            var ex = Assert.Throws<InputException>(() => OutputFile.WriteText(target, "x", "--out", force: true, ProtectedFile.Study(study)));
            Assert.Contains("--out would overwrite the study file", ex.Message);
            Assert.Contains(target, ex.Message);
        }
        Assert.Equal(before, File.ReadAllBytes(study));
        Assert.False(File.Exists(study + "-wal"));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void An_input_file_named_another_way_is_refused_even_with_force()
    {
        var input = _dir.File("catalogue.csv");
        File.WriteAllText(input, "keep");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, input);
        var ex = Assert.Throws<InputException>(() =>
            OutputFile.WriteText(relative, "x", "--html", force: true, ProtectedFile.Input(input, "the catalogue")));
        Assert.Contains("--html would overwrite the catalogue", ex.Message);
        Assert.Equal("keep", File.ReadAllText(input));
    }

    [Fact]
    public void A_failing_writer_leaves_the_old_file_and_no_temporary_file()
    {
        var path = _dir.File("out.csv");
        File.WriteAllText(path, "old");
        string? temp = null;
        Assert.Throws<IOException>(() => OutputFile.Write(path, t =>
        {
            temp = t;
            File.WriteAllText(t, "half");
            throw new IOException("disk full");
        }, "<file>", force: true));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(".csv", Path.GetExtension(temp)); // writers that choose a format by extension still do
        Assert.Equal(_dir.Path, Path.GetDirectoryName(temp)); // same folder: the move is a rename
        Assert.False(File.Exists(temp));
    }

    [Fact]
    public void A_missing_folder_or_a_folder_as_target_is_bad_input()
    {
        var missing = Assert.Throws<InputException>(() => OutputFile.WriteText(_dir.File("no/such/r.html"), "x", "--out", force: true));
        Assert.Contains("does not exist", missing.Message);
        var folder = Assert.Throws<InputException>(() => OutputFile.WriteText(_dir.Path, "x", "--out", force: true));
        Assert.Contains("is a folder", folder.Message);
    }

    [Fact]
    public void A_positional_argument_is_named_in_the_message_not_as_a_column()
    {
        var path = _dir.File("x.csv");
        File.WriteAllText(path, "");
        var ex = Assert.Throws<InputException>(() => OutputFile.Check(path, "<file>", force: false));
        Assert.Null(ex.Errors[0].Field);
    }
}
