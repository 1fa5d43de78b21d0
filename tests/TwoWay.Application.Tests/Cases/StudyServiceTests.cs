using TwoWay.Application.Cases;
using TwoWay.Input;
using TwoWay.Interchange.Cases;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Cases;

public class StudyServiceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<StudyService> NewStudy()
    {
        var service = new StudyService(_dir.File("s.twoway"));
        await service.InitAsync();
        return service;
    }

    private sealed class Recorder : IProgress<int>
    {
        public List<int> Values { get; } = [];
        public void Report(int value) => Values.Add(value);
    }

    [Fact]
    public void A_pseudonymized_export_names_no_firm_or_partner_anywhere_and_imports_again()
    {
        var study = SmallStudy.Create(_dir);
        var r = CliRunner.Run("export", study, _dir.File("p.csv"), "--pseudonymize");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("with pseudonyms", r.Out);
        var written = File.ReadAllText(_dir.File("p-firms.csv")) + File.ReadAllText(_dir.File("p-operations.csv"));
        var real = File.ReadAllText(SmallStudy.FirmsCsv) + File.ReadAllText(SmallStudy.OperationsCsv);
        foreach (var name in new[] { "Dunavski Ventili", "Kessler Armaturen GmbH", "Valvola Nord S.p.A.", "Holzwerk Brandt", "Kessler", "Valvola" })
        {
            Assert.Contains(name, real);
            Assert.DoesNotContain(name, written);
        }
        Assert.Contains("Firm A", written);
        Assert.Contains("Partner 1", written);
        // Ids, countries and years are kept: the pseudonymized tables import into a new study and give the same analysis.
        var copy = _dir.File("copy.twoway");
        Assert.Equal(0, CliRunner.Run("init", copy).ExitCode);
        var imported = CliRunner.Run("import", copy, _dir.File("p-firms.csv"), _dir.File("p-operations.csv"));
        Assert.True(imported.ExitCode == 0, imported.Error);
        static string Stages(string s) => string.Join(";", System.Text.Json.JsonDocument.Parse(CliRunner.Run("analyze", s, "--json").Out).RootElement
            .GetProperty("firms").EnumerateArray().Select(f => f.GetProperty("firm_id").GetString() + f.GetProperty("inward_stage").GetProperty("level").GetString()
                + f.GetProperty("outward_stage").GetProperty("level").GetString() + f.GetProperty("connection_counts").GetRawText()));
        Assert.Equal(Stages(study), Stages(copy));
    }

    [Fact]
    public async Task Import_stores_everything_and_reports_storing_progress_from_0_to_100()
    {
        var service = await NewStudy();
        var firms = Write("firms.csv", "firm_id,name,home_country\nAA-1,Alpha,RS\nBB-2,Beta,PL\n");
        var ops = Write("ops.csv", "operation_id,firm_id,direction,mode,partner_country,start\nAA-1/1,AA-1,inward,goods_trade,DE,2001\n");
        var progress = new Recorder();
        var result = await service.ImportAsync(new ImportRequest([firms, ops]), progress);

        Assert.Equal((2, 1), (result.FirmsAdded, result.OperationsAdded));
        Assert.Equal(0, progress.Values[0]);
        Assert.Equal(100, progress.Values[^1]);
        Assert.Equal(progress.Values.Order(), progress.Values);
        Assert.Equal(["AA-1", "BB-2"], (await service.FirmsAsync()).Firms.Select(f => f.FirmId));
    }

    [Fact]
    public async Task A_bad_row_stores_nothing_and_reports_no_storing()
    {
        var service = await NewStudy();
        var firms = Write("firms.csv", "firm_id,name,home_country\nAA-1,Alpha,RS\nBB-2,Beta,XX\n");
        var progress = new Recorder();
        var ex = await Assert.ThrowsAsync<InputException>(() => service.ImportAsync(new ImportRequest([firms]), progress));
        Assert.Contains("row 3", ex.Message);
        Assert.Empty(progress.Values);
        Assert.Empty((await service.FirmsAsync()).Firms);
    }

    [Fact]
    public async Task Export_refuses_the_study_file_even_with_force_and_existing_files_without_it()
    {
        var service = await NewStudy();
        await service.ImportAsync(new ImportRequest([Write("firms.csv", "firm_id,name,home_country\nAA-1,Alpha,RS\n")]));
        var study = _dir.File("s.twoway");
        var before = File.ReadAllBytes(study);

        // A .twoway name cannot pass the CLI's extension check, but the service guards on its own.
        var ex = await Assert.ThrowsAsync<InputException>(() => service.ExportAsync(new ExportRequest(study, CaseTableKind.Firms, Force: true)));
        Assert.Contains("would overwrite the study file", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(study));

        var existing = Write("out.xlsx", "keep");
        await Assert.ThrowsAsync<InputException>(() => service.ExportAsync(new ExportRequest(existing)));
        Assert.Equal("keep", File.ReadAllText(existing));
        var written = await service.ExportAsync(new ExportRequest(existing, Force: true));
        Assert.Equal((1, 0), (written.Firms, written.Operations));
        Assert.Single(CaseImport.Read([existing], ImportTarget.Empty).Firms);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp-*"));
    }

    [Fact]
    public async Task Templates_of_every_kind_refuse_an_existing_file_unless_forced()
    {
        foreach (var kind in Enum.GetValues<TemplateKind>())
        {
            var path = _dir.File($"{kind}.csv");
            var written = await StudyService.WriteTemplateAsync(new TemplateRequest(kind, path));
            Assert.Equal(Path.GetFullPath(path), written.File);
            Assert.StartsWith("#", File.ReadAllText(path));
            await Assert.ThrowsAsync<InputException>(() => StudyService.WriteTemplateAsync(new TemplateRequest(kind, path)));
            await StudyService.WriteTemplateAsync(new TemplateRequest(kind, path, Force: true));
        }
    }

    [Fact]
    public async Task Modes_list_every_mode_with_both_direction_codes()
    {
        var modes = (await StudyService.ModesAsync()).Modes;
        Assert.Equal(Domain.Modes.All.Count, modes.Count);
        Assert.Contains(modes, m => m is { Mode: "licensing", InwardCode: "licensing_in", OutwardCode: "licensing_out" });
    }
}
